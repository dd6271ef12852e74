using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using ClientVpnAudit.Archiver.Sessions;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class EndpointStateTableProps
{
    /// <summary>The sessions table's customer-managed key, if any; null keeps DynamoDB's default AWS-owned key.</summary>
    public required IKey? EncryptionKey { get; init; }
}

/// <summary>
/// The endpoint-state table (<see cref="EndpointStateTable"/>): one small item per endpoint with its last complete
/// listing. Operational state, not the audit record: the archiver rebuilds it on its next runs, so it goes with the stack.
/// </summary>
public sealed class EndpointStateTableConstruct : Construct
{
    public Table Table { get; }

    public EndpointStateTableConstruct(Construct scope, string id, EndpointStateTableProps props) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Attribute { Name = EndpointStateTable.PartitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            RemovalPolicy = RemovalPolicy.DESTROY,
            Encryption = props.EncryptionKey is null ? TableEncryption.DEFAULT : TableEncryption.CUSTOMER_MANAGED,
            EncryptionKey = props.EncryptionKey,
        });
    }
}
