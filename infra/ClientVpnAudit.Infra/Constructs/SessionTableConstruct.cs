using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using ClientVpnAudit.Archiver.Sessions;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// The sessions table, built from the archiver's layout (<see cref="SessionTable"/>). It is the audit record, so it
/// survives everything short of a deliberate deletion: point-in-time recovery, deletion protection, RETAIN.
/// </summary>
public sealed class SessionTableConstruct : Construct
{
    public Table Table { get; }

    public SessionTableConstruct(Construct scope, string id, TableEncryptionProps props) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = StringAttribute(SessionTable.PartitionKey),
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            TimeToLiveAttribute = SessionTable.TimeToLiveAttribute,
            Encryption = props.Encryption,
            EncryptionKey = props.EncryptionKey,
        });

        foreach (var index in SessionTable.Indexes)
        {
            Table.AddGlobalSecondaryIndex(IndexProps(index));
        }
    }

    private static GlobalSecondaryIndexProps IndexProps(SessionIndex index)
    {
        var nonKeyAttributes = index.NonKeyAttributes;
        return new GlobalSecondaryIndexProps
        {
            IndexName = index.Name,
            PartitionKey = StringAttribute(index.PartitionKey),
            SortKey = StringAttribute(index.SortKey),
            ProjectionType = nonKeyAttributes is null ? ProjectionType.KEYS_ONLY : ProjectionType.INCLUDE,
            NonKeyAttributes = nonKeyAttributes?.ToArray(),
        };
    }

    private static Attribute StringAttribute(string name) => new() { Name = name, Type = AttributeType.STRING };
}
