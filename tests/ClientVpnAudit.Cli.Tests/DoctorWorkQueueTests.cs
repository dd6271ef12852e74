using Amazon.SQS;
using Amazon.SQS.Model;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// `cvpn-audit doctor --work-queue URL` against real queues (moto_server): the work queue's depth and redrive, and its
/// dead-letter queue, which must be empty. The archive's own seven lines are those of <see cref="DoctorTests"/>.
/// </summary>
[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DoctorWorkQueueTests(DemoArchiveFixture demo, MotoServer moto) : IClassFixture<MotoServer>
{
    private const int ArchiveLines = 7;
    private static readonly DateTimeOffset SoonAfterTheDemo = new(2026, 3, 2, 11, 35, 4, TimeSpan.Zero);

    [MotoFact]
    public async Task Doctor_WithAnEmptyDeadLetterQueue_AddsTwoPassingLines_AndExitsZero()
    {
        using var sqs = AwsClients.Sqs(moto.Url);
        var (queueUrl, deadLetterName, _) = await CreateQueuesAsync(sqs);
        await sqs.SendMessageAsync(queueUrl, "{}");

        var result = await DoctorAsync(queueUrl);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            [$"✓ work queue {NameOf(queueUrl)}: 1 waiting, 0 in flight; a message failed 3 times moves to {deadLetterName}",
                $"✓ dead-letter queue {deadLetterName} is empty"],
            result.OutLines.Skip(ArchiveLines));
    }

    [MotoFact]
    public async Task Doctor_WithMessagesInTheDeadLetterQueue_FailsThatLine_SayingWhatToDo()
    {
        using var sqs = AwsClients.Sqs(moto.Url);
        var (queueUrl, deadLetterName, deadLetterUrl) = await CreateQueuesAsync(sqs);
        await sqs.SendMessageAsync(deadLetterUrl, "{}");
        await sqs.SendMessageAsync(deadLetterUrl, "{}");

        var result = await DoctorAsync(queueUrl);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        var line = result.OutLines[^1];
        Assert.StartsWith($"✗ dead-letter queue {deadLetterName} holds 2 message(s): endpoints the workers failed to archive 3 times; fix: ", line,
            StringComparison.Ordinal);
        Assert.Contains("aws sqs purge-queue", line, StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Doctor_WithAQueueWithoutRedrivePolicy_FailsIt()
    {
        using var sqs = AwsClients.Sqs(moto.Url);
        var queueUrl = (await sqs.CreateQueueAsync("plain-" + Guid.NewGuid().ToString("N")[..8])).QueueUrl;

        var result = await DoctorAsync(queueUrl);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.StartsWith($"✗ work queue {NameOf(queueUrl)} (0 waiting, 0 in flight) has no redrive policy", result.OutLines[^2], StringComparison.Ordinal);
        Assert.Equal("? dead-letter queue: not asked: the work queue names none", result.OutLines[^1]);
    }

    [MotoFact]
    public async Task Doctor_WithAQueueThatDoesNotExist_FailsItByName()
    {
        var queueUrl = new Uri(moto.Url, "123456789012/no-such-queue").ToString();

        var result = await DoctorAsync(queueUrl);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Equal("✗ work queue no-such-queue does not exist; fix: pass the stack's WorkQueueUrl output to --work-queue", result.OutLines[^2]);
    }

    [Fact]
    public async Task Doctor_WithAWorkQueueThatIsNotAUrl_RefusesItInOneLine()
    {
        var result = await CvpnAudit.RunAsync("doctor", "--ec2-url", "http://127.0.0.1:1", "--dynamodb-url", "http://127.0.0.1:1", "--work-queue", "my-queue");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["cvpn-audit: error: --work-queue: 'my-queue' is not an http(s) URL"], result.ErrorLines);
    }

    private async Task<CliResult> DoctorAsync(string queueUrl)
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Demo.Snapshots, "2026-03-02T1130Z.json")));
        return await CvpnAudit.RunAtAsync(SoonAfterTheDemo, "doctor", "--ec2-url", emulator.Url.ToString(), "--dynamodb-url", demo.DynamoDbUrl.ToString(),
            "--work-queue", queueUrl);
    }

    private static async Task<(string QueueUrl, string DeadLetterName, string DeadLetterUrl)> CreateQueuesAsync(IAmazonSQS sqs)
    {
        var name = "work-" + Guid.NewGuid().ToString("N")[..8];
        var deadLetterUrl = (await sqs.CreateQueueAsync(name + "-dlq")).QueueUrl;
        var deadLetterArn = (await sqs.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;
        var queueUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string> { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{deadLetterArn}\",\"maxReceiveCount\":\"3\"}}" },
        })).QueueUrl;
        return (queueUrl, name + "-dlq", deadLetterUrl);
    }

    private static string NameOf(string queueUrl) => queueUrl.Split('/')[^1];
}
