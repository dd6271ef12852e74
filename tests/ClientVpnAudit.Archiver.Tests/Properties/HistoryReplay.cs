using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Tests.Integration;
using ClientVpnAudit.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// Hands a history's answers to the real archiver pipeline, one run per delivery, through the emulator and dynalite,
/// and remembers which ends AWS listed to it.
/// </summary>
internal sealed class HistoryReplay(ArchiverHarness harness, History history)
{
    private readonly HashSet<string> _servedEnds = new(StringComparer.Ordinal);

    /// <summary>The sessions whose terminated answer the archiver was served at least once.</summary>
    public IReadOnlySet<string> ServedEnds => _servedEnds;

    /// <summary>Runs every delivery in order; returns the runs that did not succeed, with their reasons.</summary>
    public async Task<IReadOnlyList<string>> PlayAsync()
    {
        var failed = new List<string>();
        foreach (var delivery in history.Deliveries)
        {
            var summary = await DeliverAsync(delivery);
            if (!summary.Succeeded)
            {
                failed.Add($"the run of {delivery} failed: {summary.Error ?? string.Join("; ", summary.Failures.Select(f => $"{f.EndpointId}: {f.Reason}"))}");
            }
        }

        return failed;
    }

    private async Task<RunSummary> DeliverAsync(Delivery delivery)
    {
        var at = history.Polls[delivery.Poll].At;
        var snapshot = AwsAnswers.Snapshot(history, delivery.Poll);
        var summary = new DateTimeOffset(at) >= harness.Clock.GetUtcNow()
            ? await harness.PollAsync(at, snapshot)
            : await PollWithClockSetBackAsync(at, snapshot);
        foreach (var connection in AwsAnswers.Listed(history, delivery.Poll).Where(connection => connection.IsEnd))
        {
            _servedEnds.Add(connection.Session.ConnectionId);
        }

        return summary;
    }

    /// <summary>The harness's clock only moves forward: an older answer runs with a clock of its own, at its poll's time.</summary>
    private Task<RunSummary> PollWithClockSetBackAsync(DateTime at, Snapshot snapshot)
    {
        harness.Emulator.Serve(snapshot);
        var clock = new FakeTimeProvider(new DateTimeOffset(at));
        return new ArchiverPipeline(harness.Ec2, harness.DynamoDb, harness.Options(), new JsonLog(harness.Log),
            new PollContext { Clock = clock }).RunAsync();
    }
}
