namespace ClientVpnAudit.Bench.Scenarios;

/// <summary>
/// A fleet to poll: E endpoints x C connections listed per endpoint at every poll, polled every five minutes from
/// <see cref="Start"/>. At every poll the listing is 80% active sessions already seen, 15% terminated within the last
/// hour and 5% new since the previous poll.
/// </summary>
internal sealed record ScenarioSpec(string Name, int Endpoints, int ConnectionsPerEndpoint, bool WithNaive)
{
    public const int ActivePercent = 80;
    public const int TerminatedPercent = 15;
    public const int NewPercent = 5;

    /// <summary>Terminated sessions are those that ended in the last this many polls (see the generator for why).</summary>
    public const int TerminatedCohorts = TerminatedPercent / NewPercent;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>Polls 0..5: 25 minutes, the first poll plus a warm-up and one full 15-minute refresh cycle.</summary>
    public const int Polls = 6;

    public static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public int Seed { get; init; } = 20260302;

    public int Connections => Endpoints * ConnectionsPerEndpoint;

    /// <summary>Per endpoint: sessions that start (and sessions that end) between two polls.</summary>
    public int NewPerPoll => ConnectionsPerEndpoint * NewPercent / 100;

    /// <summary>Per endpoint: active sessions listed at every poll, the new ones included.</summary>
    public int ActiveListed => ConnectionsPerEndpoint * (ActivePercent + NewPercent) / 100;

    public DateTime PollTime(int poll) => Start + poll * Interval;

    public static ScenarioSpec Parse(string name, bool withNaive)
    {
        var parts = name.Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var endpoints) || !int.TryParse(parts[1], out var connections)
            || endpoints < 1 || connections < 20 || connections % 20 != 0)
        {
            throw new ArgumentException($"scenario '{name}' must be ENDPOINTSxCONNECTIONS with CONNECTIONS a multiple of 20 (5% steps)");
        }

        return new ScenarioSpec(name, endpoints, connections, withNaive);
    }
}
