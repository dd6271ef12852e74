using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>Check 3, point-in-time recovery: enabled, as the stack sets it (the table is the audit record).</summary>
internal static class PointInTimeRecoveryCheck
{
    public const string Subject = "point-in-time recovery";

    public static async Task<CheckLine> RunAsync(IAmazonDynamoDB dynamoDb, DoctorTarget target, CancellationToken cancellationToken)
    {
        PointInTimeRecoveryStatus? status;
        try
        {
            status = (await dynamoDb.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = target.TableName },
                cancellationToken)).ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceAnswers.Unanswered(exception, Subject, "DescribeContinuousBackups", "DynamoDB");
        }

        if (status == PointInTimeRecoveryStatus.ENABLED)
        {
            return CheckLine.Pass($"{Subject} is enabled");
        }

        var said = status?.Value ?? "no status";
        return target.IsAws
            ? CheckLine.Fail($"{Subject} is not enabled ({said})", $"deploy the stack (it enables {Subject})")
            : CheckLine.Unknown($"{Subject}: this store answers {said} (a local table has none; the deployed stack enables it)");
    }
}
