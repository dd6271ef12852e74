using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using ClientVpnAudit.Archiver.Sessions;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// The endpoint-state table (<see cref="EndpointStateTable"/>): one small item per endpoint with its last complete
/// listing. Operational state, not the audit record: the archiver rebuilds it on its next runs, so it goes with the stack.
/// </summary>
public sealed class EndpointStateTableConstruct : Construct
{
    public Table Table { get; }

    public EndpointStateTableConstruct(Construct scope, string id, TableEncryptionProps props) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Attribute { Name = EndpointStateTable.PartitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            RemovalPolicy = RemovalPolicy.DESTROY,
            Encryption = props.Encryption,
            EncryptionKey = props.EncryptionKey,
        });
    }
}
