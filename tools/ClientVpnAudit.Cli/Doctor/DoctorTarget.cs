using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.SQS;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>What doctor looks at: EC2 and the sessions table in real AWS (--aws), or at explicit URLs.</summary>
internal sealed record DoctorTarget
{
    /// <summary>Each request's limit. The SDK's retries stay on: a throttled answer is retried, not reported.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public required string TableName { get; init; }

    /// <summary>The endpoint-state table, when known: freshness then comes from each endpoint's last complete listing.</summary>
    public string? EndpointTableName { get; init; }

    /// <summary>The planner's work queue, when given: its depth and its dead-letter queue are checked too.</summary>
    public Uri? WorkQueueUrl { get; init; }

    /// <summary>Null with --aws.</summary>
    public Uri? Ec2Url { get; init; }

    /// <summary>Null with --aws.</summary>
    public Uri? DynamoDbUrl { get; init; }

    /// <summary>True for the deployed system (--aws): what the stack sets up must be there.</summary>
    public bool IsAws => Ec2Url is null;

    public IAmazonEC2 CreateEc2() =>
        Ec2Url is null ? AwsAccountClients.Ec2(RequestTimeout) : ExplicitEndpointClients.Ec2(Ec2Url, RequestTimeout);

    public IAmazonDynamoDB CreateDynamoDb() =>
        DynamoDbUrl is null ? AwsAccountClients.DynamoDb(RequestTimeout) : ExplicitEndpointClients.DynamoDb(DynamoDbUrl, RequestTimeout);

    public IAmazonSQS CreateSqs() =>
        IsAws ? AwsAccountClients.Sqs(RequestTimeout) : ExplicitEndpointClients.Sqs(WorkQueueUrl!, RequestTimeout);

    public string Describe() => IsAws
        ? $"EC2 and table {TableName} in AWS (default credential chain and region)"
        : $"EC2 at {Ec2Url!.OriginalString} and table {TableName} at {DynamoDbUrl!.OriginalString}";
}
