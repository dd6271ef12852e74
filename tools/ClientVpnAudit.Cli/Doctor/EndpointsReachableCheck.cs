using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>Check 1 with explicit URLs: something answers as EC2 and as DynamoDB do at them (whatever it answers).</summary>
internal static class EndpointsReachableCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<Access> RunAsync(Uri ec2Url, Uri dynamoDbUrl, CancellationToken cancellationToken)
    {
        var ec2 = Ec2Probe.ProblemAsync(ec2Url, cancellationToken);
        var dynamoDb = DynamoDbProblemAsync(dynamoDbUrl, cancellationToken);
        var (ec2Problem, dynamoDbProblem) = (await ec2, await dynamoDb);

        var ec2Text = $"EC2 at {ec2Url.OriginalString}";
        var dynamoDbText = $"DynamoDB at {dynamoDbUrl.OriginalString}";
        var line = (ec2Problem, dynamoDbProblem) switch
        {
            (null, null) => CheckLine.Pass($"{ec2Text} and {dynamoDbText} answer"),
            ({ } problem, null) => CheckLine.Fail($"{ec2Text} does not answer ({problem})",
                "start it (`cvpn-audit emulator FILE --port N`), or correct --ec2-url"),
            (null, { } problem) => CheckLine.Fail($"{dynamoDbText} does not answer ({problem})",
                "start it (`cvpn-audit dynamodb --port N`), or correct --dynamodb-url"),
            ({ } first, { } second) => CheckLine.Fail($"{ec2Text} ({first}) and {dynamoDbText} ({second}) do not answer",
                "start them (`cvpn-audit emulator FILE --port N`, `cvpn-audit dynamodb --port N`), or correct --ec2-url and --dynamodb-url"),
        };
        return new Access(line,
            ec2Problem is null ? null : "not asked: EC2 does not answer (see the first line)",
            dynamoDbProblem is null ? null : "not asked: DynamoDB does not answer (see the first line)");
    }

    /// <summary>Null when something at the URL answers as DynamoDB does; otherwise why not.</summary>
    private static async Task<string?> DynamoDbProblemAsync(Uri url, CancellationToken cancellationToken)
    {
        using var probe = ExplicitEndpointClients.DynamoDb(url, Timeout, maxErrorRetry: 0);
        try
        {
            await probe.ListTablesAsync(new ListTablesRequest { Limit = 1 }, cancellationToken);
            return null;
        }
        catch (AmazonServiceException service) when (Unreachable.IsServiceAnswer(service))
        {
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable.Describe(exception, Timeout, "DynamoDB");
        }
    }
}
