using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// Check 3, the table itself: it exists, is ACTIVE, and has the key and the indexes (keys and projections) of the one
/// table layout, <see cref="SessionTable"/>.
/// </summary>
internal static class TableLayoutCheck
{
    private const string MissingFix =
        "deploy the stack, or name the right table with --table (the stack's TableName output); locally, `cvpn-audit replay` or `run` creates it";

    private const string LayoutFix =
        "wait if it is still being created or updated; otherwise deploy the stack (it builds the table from this layout), "
        + "or name the right table with --table";

    /// <summary>A table made before an index existed gets it from the stack, but only records written since carry its key.</summary>
    private const string MissingIndexFix =
        "deploy the stack (it adds one missing index per deployment), then run `cvpn-audit backfill` for the records written "
        + "before (docs/operations.md, \"Upgrading an existing table\"); or name the right table with --table";

    private const string MissingIndex = " is missing";

    /// <returns>The line, and whether the table exists (null when DynamoDB did not say).</returns>
    public static async Task<(CheckLine Line, bool? Exists)> RunAsync(IAmazonDynamoDB dynamoDb, DoctorTarget target,
        CancellationToken cancellationToken)
    {
        var subject = $"table {target.TableName}";
        TableDescription table;
        try
        {
            table = (await dynamoDb.DescribeTableAsync(target.TableName, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            var where = target.DynamoDbUrl is { } url
                ? $"at {url.OriginalString}"
                : $"in {dynamoDb.Config.RegionEndpoint?.SystemName ?? "this region"}";
            return (CheckLine.Fail($"{subject} does not exist {where}", MissingFix), false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (ServiceAnswers.Unanswered(exception, subject, "DescribeTable", "DynamoDB"), null);
        }

        var problems = Problems(table).ToList();
        var line = problems.Count == 0
            ? CheckLine.Pass($"{subject} is ACTIVE, keyed on {SessionTable.PartitionKey}, with the indexes "
                + Names(SessionTable.Indexes.Select(index => index.Name)))
            : CheckLine.Fail($"{subject} does not have the archiver's layout: {string.Join("; ", problems)}",
                problems.All(problem => problem.EndsWith(MissingIndex, StringComparison.Ordinal)) ? MissingIndexFix : LayoutFix);
        return (line, true);
    }

    /// <summary>How the table differs from the layout; nothing when it matches. Extra indexes or projected attributes do no harm.</summary>
    public static IEnumerable<string> Problems(TableDescription table)
    {
        if (table.TableStatus != TableStatus.ACTIVE)
        {
            yield return $"it is {table.TableStatus}, not ACTIVE";
        }

        var key = KeyOf(table.KeySchema);
        if (key != (SessionTable.PartitionKey, null))
        {
            yield return $"its key is {Describe(key)}, not {SessionTable.PartitionKey}";
        }

        foreach (var index in SessionTable.Indexes)
        {
            var found = table.GlobalSecondaryIndexes?.FirstOrDefault(candidate => candidate.IndexName == index.Name);
            if (found is null)
            {
                yield return $"index {index.Name}{MissingIndex}";
                continue;
            }

            var indexKey = KeyOf(found.KeySchema);
            if (indexKey != (index.PartitionKey, index.SortKey))
            {
                yield return $"index {index.Name} is keyed on {Describe(indexKey)}, not {Describe((index.PartitionKey, index.SortKey))}";
            }

            var missing = NotProjected(index, found.Projection);
            if (missing.Count > 0)
            {
                yield return $"index {index.Name} does not project {Names(missing)}";
            }

            if (found.IndexStatus is not null && found.IndexStatus != IndexStatus.ACTIVE)
            {
                yield return $"index {index.Name} is {found.IndexStatus}, not ACTIVE";
            }
        }
    }

    /// <summary>The attributes the layout projects into the index that the table's index does not.</summary>
    private static List<string> NotProjected(SessionIndex index, Projection? projection)
    {
        var wanted = index.NonKeyAttributes ?? [];
        if (projection?.ProjectionType == ProjectionType.ALL)
        {
            return [];
        }

        var projected = projection?.ProjectionType == ProjectionType.INCLUDE ? projection.NonKeyAttributes ?? [] : [];
        return wanted.Except(projected, StringComparer.Ordinal).ToList();
    }

    private static (string? Hash, string? Range) KeyOf(IEnumerable<KeySchemaElement>? schema)
    {
        var elements = schema?.ToList() ?? [];
        return (elements.FirstOrDefault(element => element.KeyType == KeyType.HASH)?.AttributeName,
            elements.FirstOrDefault(element => element.KeyType == KeyType.RANGE)?.AttributeName);
    }

    private static string Describe((string? Hash, string? Range) key) =>
        key.Range is null ? key.Hash ?? "(none)" : $"{key.Hash}/{key.Range}";

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count <= 1 ? string.Join("", list) : $"{string.Join(", ", list.SkipLast(1))} and {list[^1]}";
    }
}
