using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Bench.Capacity;

namespace ClientVpnAudit.Bench.Aws;

/// <summary>
/// The SDK clients of one measured poll, pointed at the emulator and dynalite on 127.0.0.1 with dummy credentials. Each
/// request passes the latency handler; DynamoDB requests also pass the capacity accounting, which sees every request and
/// response body.
/// </summary>
internal sealed class BenchClients : IDisposable
{
    public const string Region = "us-east-1";

    private static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    private readonly SocketsHttpHandler _ec2Sockets = new();
    private readonly SocketsHttpHandler _dynamoDbSockets = new();
    private readonly ConcurrentDictionary<Target, IAmazonEC2> _targetEc2 = new();
    private readonly Uri _ec2Url;

    public BenchClients(Uri ec2Url, Uri dynamoDbUrl, Latency latency)
    {
        _ec2Url = ec2Url;
        Ec2Latency = new LatencyHandler(latency.Ec2, _ec2Sockets);
        DynamoDbLatency = new LatencyHandler(latency.DynamoDb, _dynamoDbSockets);
        Capacity = new CapacityAccountingHandler(DynamoDbLatency);
        Ec2 = new AmazonEC2Client(Credentials, new AmazonEC2Config
        {
            ServiceURL = ec2Url.ToString(),
            AuthenticationRegion = Region,
            HttpClientFactory = new BenchHttpClientFactory(Ec2Latency),
        });
        DynamoDb = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = dynamoDbUrl.ToString(),
            AuthenticationRegion = Region,
            HttpClientFactory = new BenchHttpClientFactory(Capacity),
        });
    }

    public IAmazonEC2 Ec2 { get; }

    /// <summary>
    /// The EC2 client of one target of a multi-target emulator (access key id = the account, signing region = the
    /// region), through the same latency handler as <see cref="Ec2"/>.
    /// </summary>
    public IAmazonEC2 Ec2For(Target target) => _targetEc2.GetOrAdd(target, _ => new AmazonEC2Client(
        new BasicAWSCredentials(target.AccountId, "test"),
        new AmazonEC2Config { ServiceURL = _ec2Url.ToString(), AuthenticationRegion = target.Region, HttpClientFactory = new BenchHttpClientFactory(Ec2Latency) }));

    public IAmazonDynamoDB DynamoDb { get; }

    public LatencyHandler Ec2Latency { get; }

    public LatencyHandler DynamoDbLatency { get; }

    public CapacityAccountingHandler Capacity { get; }

    /// <summary>A client without latency or accounting, for the harness's own set-up and verification.</summary>
    public static IAmazonDynamoDB PlainDynamoDb(Uri dynamoDbUrl) =>
        new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = dynamoDbUrl.ToString(), AuthenticationRegion = Region });

    public void Dispose()
    {
        Ec2.Dispose();
        foreach (var client in _targetEc2.Values)
        {
            client.Dispose();
        }

        DynamoDb.Dispose();
        Capacity.Dispose();
        DynamoDbLatency.Dispose();
        Ec2Latency.Dispose();
    }
}

/// <summary>The injected per-request latency: what a request costs from a Lambda function in the same region.</summary>
internal sealed record Latency(TimeSpan Ec2, TimeSpan DynamoDb)
{
    public static readonly Latency Default = new(TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(5));

    public static readonly Latency None = new(TimeSpan.Zero, TimeSpan.Zero);
}
