namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// Every check of `cvpn-audit doctor`, in order, each one line (always the same seven): access, the two EC2
/// permissions, the table, its TTL, its point-in-time recovery, the archive's freshness; with a work queue, two more. A check that cannot be asked
/// because an earlier one found nothing to ask says so with a ?.
/// </summary>
internal static class DoctorChecks
{
    public static async Task<IReadOnlyList<CheckLine>> RunAsync(DoctorTarget target, TimeProvider clock, CancellationToken cancellationToken)
    {
        var lines = await ArchiveChecksAsync(target, clock, cancellationToken);
        if (target.WorkQueueUrl is { } queueUrl)
        {
            using var sqs = target.CreateSqs();
            lines = [.. lines, .. await WorkQueueCheck.RunAsync(sqs, queueUrl.ToString(), cancellationToken)];
        }

        return lines;
    }

    private static async Task<IReadOnlyList<CheckLine>> ArchiveChecksAsync(DoctorTarget target, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = target.IsAws
            ? await AwsCredentialsCheck.RunAsync(cancellationToken)
            : await EndpointsReachableCheck.RunAsync(target.Ec2Url!, target.DynamoDbUrl!, cancellationToken);
        var lines = new List<CheckLine> { access.Line };

        if (access.Ec2Blocked is { } ec2Blocked)
        {
            lines.Add(CheckLine.Unknown($"{Ec2PermissionCheck.Iam(Ec2PermissionCheck.DescribeEndpoints)}: {ec2Blocked}"));
            lines.Add(CheckLine.Unknown($"{Ec2PermissionCheck.Iam(Ec2PermissionCheck.DescribeConnections)}: {ec2Blocked}"));
        }
        else
        {
            using var ec2 = target.CreateEc2();
            lines.AddRange(await Ec2PermissionCheck.RunAsync(ec2, cancellationToken));
        }

        var tableSubject = $"table {target.TableName}";
        if (access.DynamoDbBlocked is { } dynamoDbBlocked)
        {
            lines.AddRange(TableLines(tableSubject, dynamoDbBlocked));
            return lines;
        }

        using var dynamoDb = target.CreateDynamoDb();
        var (tableLine, exists) = await TableLayoutCheck.RunAsync(dynamoDb, target, cancellationToken);
        if (exists != true)
        {
            lines.AddRange(TableLines(tableSubject, exists == false ? "not asked: no table" : "not asked: see the table's line")
                .Skip(1).Prepend(tableLine));
            return lines;
        }

        lines.Add(tableLine);
        lines.Add(await TimeToLiveCheck.RunAsync(dynamoDb, target, cancellationToken));
        lines.Add(await PointInTimeRecoveryCheck.RunAsync(dynamoDb, target, cancellationToken));
        lines.Add(await FreshnessCheck.RunAsync(dynamoDb, target, clock, cancellationToken));
        return lines;
    }

    /// <summary>The four table lines as ? when nothing can be asked.</summary>
    private static IEnumerable<CheckLine> TableLines(string tableSubject, string why) =>
    [
        CheckLine.Unknown($"{tableSubject}: {why}"),
        CheckLine.Unknown($"{TimeToLiveCheck.Subject}: {why}"),
        CheckLine.Unknown($"{PointInTimeRecoveryCheck.Subject}: {why}"),
        CheckLine.Unknown($"{FreshnessCheck.Subject}: {why}"),
    ];
}
