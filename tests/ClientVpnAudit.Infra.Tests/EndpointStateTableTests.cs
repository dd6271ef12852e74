using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Infra.Tests;

public sealed class EndpointStateTableTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void EndpointStateTable_IsKeyedByEndpointId_OnDemand_AndGoesWithTheStack()
    {
        var id = _template.EndpointTableId();
        var properties = _template.Properties(id);

        Assert.Equivalent(new[] { new Dictionary<string, object> { ["AttributeName"] = EndpointStateTable.PartitionKey, ["KeyType"] = "HASH" } },
            properties["KeySchema"], strict: true);
        Assert.Equal("PAY_PER_REQUEST", properties["BillingMode"]);
        Assert.Equal("Delete", _template.Resource(id)["DeletionPolicy"]);
    }
}
