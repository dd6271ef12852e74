using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// Check 3, TTL: enabled on the layout's <see cref="SessionTable.TimeToLiveAttribute"/>, as the stack sets it (whatever
/// the retention: without one, no item carries the attribute and nothing expires).
/// </summary>
internal static class TimeToLiveCheck
{
    public static readonly string Subject = $"TTL on {SessionTable.TimeToLiveAttribute}";

    public static async Task<CheckLine> RunAsync(IAmazonDynamoDB dynamoDb, DoctorTarget target, CancellationToken cancellationToken)
    {
        TimeToLiveDescription? description;
        try
        {
            description = (await dynamoDb.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = target.TableName },
                cancellationToken)).TimeToLiveDescription;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceAnswers.Unanswered(exception, Subject, "DescribeTimeToLive", "DynamoDB");
        }

        var status = description?.TimeToLiveStatus;
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING)
        {
            return description!.AttributeName == SessionTable.TimeToLiveAttribute
                ? CheckLine.Pass($"TTL is {status.Value.ToLowerInvariant()} on {SessionTable.TimeToLiveAttribute}")
                : CheckLine.Fail($"TTL is on {description.AttributeName}, not {SessionTable.TimeToLiveAttribute}",
                    $"deploy the stack (it sets TTL on {SessionTable.TimeToLiveAttribute})");
        }

        var said = status?.Value ?? "no status";
        return target.IsAws
            ? CheckLine.Fail($"TTL is not enabled on {SessionTable.TimeToLiveAttribute} ({said})",
                $"deploy the stack (it enables TTL on {SessionTable.TimeToLiveAttribute})")
            : CheckLine.Unknown($"{Subject}: this store answers {said} (a local table has no TTL; the deployed stack enables it)");
    }
}
