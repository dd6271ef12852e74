using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Infra.Tests;

public sealed class SessionTableTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private const string TableType = "AWS::DynamoDB::Table";
    private readonly Template _template = stack.Template;

    public static TheoryData<string> IndexNames => new(SessionTable.Indexes.Select(index => index.Name));

    [Fact]
    public void Stack_HasTheSessionsTableAndTheEndpointStateTable() => _template.ResourceCountIs(TableType, 2);

    [Fact]
    public void Table_IsKeyedByTheLayoutsPartitionKey()
    {
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { KeyElement(SessionTable.PartitionKey, "HASH") },
        }));
    }

    [Fact]
    public void Table_DefinesEveryKeyAttributeOfTheLayoutAsString()
    {
        var definitions = new Capture();
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["AttributeDefinitions"] = definitions,
        }));

        var defined = definitions.AsArray().Cast<IDictionary<string, object>>().ToList();
        Assert.All(defined, definition => Assert.Equal("S", definition["AttributeType"]));
        Assert.Equal(
            SessionTable.KeyAttributes.Order(),
            defined.Select(definition => (string)definition["AttributeName"]).Order());
    }

    [Theory]
    [MemberData(nameof(IndexNames))]
    public void Table_HasTheLayoutsIndex(string indexName)
    {
        var index = SessionTable.Indexes.Single(candidate => candidate.Name == indexName);
        var projection = index.Projection is null
            ? new Dictionary<string, object> { ["ProjectionType"] = "KEYS_ONLY" }
            : new Dictionary<string, object>
            {
                ["ProjectionType"] = "INCLUDE",
                ["NonKeyAttributes"] = index.NonKeyAttributes!.ToArray<object>(),
            };

        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["GlobalSecondaryIndexes"] = Match.ArrayWith(new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = index.Name,
                    ["KeySchema"] = new object[]
                    {
                        KeyElement(index.PartitionKey, "HASH"),
                        KeyElement(index.SortKey, "RANGE"),
                    },
                    ["Projection"] = projection,
                },
            }),
        }));
    }

    /// <summary>Stated literally, not from the layout: the reads fetch whole items, so no index copies a changing attribute.</summary>
    [Theory]
    [InlineData("ByEndpoint", "ClientVpnEndpointId")]
    [InlineData("ByIdentity", "Identity")]
    [InlineData("ActiveByEndpoint", "ActiveEndpointId")]
    [InlineData("ByEstablishedDay", "EstablishedDay")]
    public void Index_IsKeysOnly_SortedByConnectionEstablishedTime(string indexName, string partitionKey)
    {
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["GlobalSecondaryIndexes"] = Match.ArrayWith(new object[]
            {
                new Dictionary<string, object>
                {
                    ["IndexName"] = indexName,
                    ["KeySchema"] = new object[] { KeyElement(partitionKey, "HASH"), KeyElement("ConnectionEstablishedTime", "RANGE") },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "KEYS_ONLY" },
                },
            }),
        }));
    }

    [Fact]
    public void Table_HasNoIndexBesidesTheLayouts()
    {
        var indexes = new Capture();
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["GlobalSecondaryIndexes"] = indexes,
        }));

        Assert.Equal(SessionTable.Indexes.Count, indexes.AsArray().Length);
    }

    [Theory]
    [MemberData(nameof(IndexNames))]
    public void NonKeyAttributes_AreTheLayoutsProjectionWithoutKeyAttributes(string indexName)
    {
        var index = SessionTable.Indexes.Single(candidate => candidate.Name == indexName);
        var nonKeyAttributes = index.NonKeyAttributes;

        if (index.Projection is null)
        {
            Assert.Null(nonKeyAttributes);
            return;
        }

        var keys = new[] { SessionTable.PartitionKey, index.PartitionKey, index.SortKey };
        Assert.NotNull(nonKeyAttributes);
        Assert.NotEmpty(nonKeyAttributes);
        Assert.Equal(index.Projection.Where(name => !keys.Contains(name)), nonKeyAttributes);
    }

    [Fact]
    public void Table_IsOnDemandWithPointInTimeRecoveryAndDeletionProtection()
    {
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["DeletionProtectionEnabled"] = true,
        }));
    }

    [Fact]
    public void Table_IsRetainedWhenTheStackDeletesOrReplacesIt()
    {
        _template.HasResource(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
        }));
    }

    [Fact]
    public void Table_ExpiresSessionsByTheLayoutsTtlAttribute()
    {
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["TimeToLiveSpecification"] = new Dictionary<string, object>
            {
                ["AttributeName"] = SessionTable.TimeToLiveAttribute,
                ["Enabled"] = true,
            },
        }));
    }

    [Fact]
    public void Table_IsEncryptedWithTheAwsOwnedKeyByDefault()
    {
        // SSEEnabled false is DynamoDB's "AWS owned key" (every table is encrypted at rest).
        _template.HasResourceProperties(TableType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = false },
        }));
    }

    private static Dictionary<string, object> KeyElement(string attribute, string keyType) =>
        new() { ["AttributeName"] = attribute, ["KeyType"] = keyType };
}
