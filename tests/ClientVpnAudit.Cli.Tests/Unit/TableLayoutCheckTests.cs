using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Doctor;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Cli.Tests.Unit;

/// <summary>The table check compares what DescribeTable says with the one table layout, <see cref="SessionTable"/>.</summary>
public sealed class TableLayoutCheckTests
{
    [Fact]
    public void Problems_OfTheTableTheLayoutCreates_AreNone() =>
        Assert.Empty(TableLayoutCheck.Problems(Described()));

    [Fact]
    public void Problems_OfATableStillBeingCreated_SayItIsNotActive()
    {
        var table = Described();
        table.TableStatus = TableStatus.CREATING;

        Assert.Equal(["it is CREATING, not ACTIVE"], TableLayoutCheck.Problems(table));
    }

    [Fact]
    public void Problems_OfAnotherKey_AndAnIndexKeyedOtherwise_NameBoth()
    {
        var table = Described();
        table.KeySchema = [new KeySchemaElement("Id", KeyType.HASH), new KeySchemaElement("Time", KeyType.RANGE)];
        table.GlobalSecondaryIndexes.Single(index => index.IndexName == SessionTable.ByEndpoint.Name).KeySchema =
            [new KeySchemaElement(SessionAttributes.ClientVpnEndpointId, KeyType.HASH)];

        Assert.Equal(
            [
                "its key is Id/Time, not ConnectionId",
                "index ByEndpoint is keyed on ClientVpnEndpointId, not ClientVpnEndpointId/ConnectionEstablishedTime",
            ],
            TableLayoutCheck.Problems(table));
    }

    [Fact]
    public void Problems_OfWiderProjections_AreNone_ButAnIndexStillBackfilling_IsOne()
    {
        var table = Described();
        foreach (var index in table.GlobalSecondaryIndexes)
        {
            index.Projection = new Projection { ProjectionType = ProjectionType.ALL };
        }

        table.GlobalSecondaryIndexes[^1].IndexStatus = IndexStatus.CREATING;

        Assert.Equal([$"index {SessionTable.Indexes[^1].Name} is CREATING, not ACTIVE"], TableLayoutCheck.Problems(table));
    }

    /// <summary>What DescribeTable says of the table <see cref="SessionTableCreation"/> creates, once ACTIVE.</summary>
    private static TableDescription Described()
    {
        var request = SessionTableCreation.Request("sessions");
        return new TableDescription
        {
            TableName = request.TableName,
            TableStatus = TableStatus.ACTIVE,
            KeySchema = request.KeySchema,
            AttributeDefinitions = request.AttributeDefinitions,
            GlobalSecondaryIndexes = request.GlobalSecondaryIndexes.Select(index => new GlobalSecondaryIndexDescription
            {
                IndexName = index.IndexName,
                IndexStatus = IndexStatus.ACTIVE,
                KeySchema = index.KeySchema,
                Projection = index.Projection,
            }).ToList(),
        };
    }
}
