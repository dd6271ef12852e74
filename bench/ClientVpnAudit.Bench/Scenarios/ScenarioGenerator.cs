using System.Globalization;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.Scenarios;

/// <summary>
/// Generates the listing of every poll of a <see cref="ScenarioSpec"/>, deterministically from its seed.
/// <para>
/// Between two polls 5% of an endpoint's connections start and 5% of its active sessions (chosen at random) end, so
/// every listing is 80% active sessions already seen, 5% new ones and 15% terminated ones. A fixed 15% terminated with
/// 5% ending per interval means a terminated session stays listed for three polls (it ended within the last 15 minutes,
/// so within the last hour); AWS keeps it for 60 minutes, which at this arrival rate would make the mix 60% terminated.
/// Listing a terminated session longer adds only reads of an unchanged item, never a write, for either poller.
/// </para>
/// <para>
/// Timestamps are AWS's: a terminated connection's is frozen at its end, an active one's is the poll time plus a skew
/// of 0 to <see cref="MaxSkewSeconds"/> seconds, drawn per connection and poll from a generator of its own (seeded), so
/// the fleet itself is the same whatever the skews. A session that ended within the skew of the previous poll thus
/// reports its end stamped before its last active answer.
/// </para>
/// </summary>
internal sealed class ScenarioGenerator
{
    private static readonly TimeSpan LongestSession = TimeSpan.FromHours(8);

    /// <summary>How many seconds after the poll time AWS may stamp an active connection.</summary>
    public const int MaxSkewSeconds = 3;

    private readonly ScenarioSpec _spec;
    private readonly Random _random;
    private readonly Random _skew;
    private readonly EndpointState[] _endpoints;
    private int _nextPoll;

    public ScenarioGenerator(ScenarioSpec spec)
    {
        _spec = spec;
        _random = new Random(spec.Seed);
        _skew = new Random(unchecked(spec.Seed * 31 + 7));
        _endpoints = Enumerable.Range(0, spec.Endpoints).Select(index => new EndpointState(EndpointId(index), index)).ToArray();
    }

    public static string EndpointId(int index) => "cvpn-endpoint-" + index.ToString("x17", CultureInfo.InvariantCulture);

    /// <summary>The time of the next poll: the clock its run reads.</summary>
    public DateTime NextPollTime => _spec.PollTime(_nextPoll);

    /// <summary>The connections listed at the next poll, endpoint by endpoint, oldest session first.</summary>
    public IReadOnlyList<SnapshotConnection> Next()
    {
        var poll = _nextPoll++;
        var now = _spec.PollTime(poll);
        var listing = new List<SnapshotConnection>(_spec.Connections);
        foreach (var endpoint in _endpoints)
        {
            if (poll == 0)
            {
                Begin(endpoint, now);
            }
            else
            {
                Advance(endpoint, now - ScenarioSpec.Interval, now);
            }

            listing.AddRange(endpoint.Listed().Select(session => session.At(now, _skew.Next(MaxSkewSeconds + 1))));
        }

        return listing;
    }

    /// <summary>The first poll: sessions of all ages, and three cohorts that ended in each of the last three intervals.</summary>
    private void Begin(EndpointState endpoint, DateTime now)
    {
        var existing = _spec.ActiveListed - _spec.NewPerPoll;
        for (var cohort = ScenarioSpec.TerminatedCohorts; cohort >= 1; cohort--)
        {
            var from = now - cohort * ScenarioSpec.Interval;
            var ended = new List<SyntheticSession>();
            for (var i = 0; i < _spec.NewPerPoll; i++)
            {
                var end = Between(from, from + ScenarioSpec.Interval);
                var session = NewSession(endpoint, Between(end - LongestSession, end - TimeSpan.FromMinutes(1)));
                session.Ended = end;
                ended.Add(session);
            }

            endpoint.Terminated.Enqueue(ended);
        }

        for (var i = 0; i < existing; i++)
        {
            endpoint.Active.Add(NewSession(endpoint, Between(now - LongestSession, now - ScenarioSpec.Interval)));
        }

        for (var i = 0; i < _spec.NewPerPoll; i++)
        {
            endpoint.Active.Add(NewSession(endpoint, Between(now - ScenarioSpec.Interval, now)));
        }
    }

    /// <summary>Between two polls: the oldest terminated cohort ages out, 5% of active sessions end, 5% new ones start.</summary>
    private void Advance(EndpointState endpoint, DateTime previous, DateTime now)
    {
        endpoint.Terminated.Dequeue();
        var ending = endpoint.Active.OrderBy(_ => _random.Next()).Take(_spec.NewPerPoll).ToHashSet();
        foreach (var session in ending)
        {
            session.Ended = Between(previous, now);
        }

        endpoint.Active.RemoveAll(ending.Contains);
        endpoint.Terminated.Enqueue(ending.OrderBy(session => session.Sequence).ToList());
        for (var i = 0; i < _spec.NewPerPoll; i++)
        {
            endpoint.Active.Add(NewSession(endpoint, Between(previous, now)));
        }
    }

    private SyntheticSession NewSession(EndpointState endpoint, DateTime established)
    {
        var sequence = endpoint.NextSequence++;
        var user = _random.Next(_spec.ConnectionsPerEndpoint * 5);
        var withUsername = _random.Next(100) < 60;
        return new SyntheticSession
        {
            Sequence = sequence,
            ConnectionId = "cvpn-connection-" + endpoint.Index.ToString("x4", CultureInfo.InvariantCulture)
                + sequence.ToString("x13", CultureInfo.InvariantCulture),
            EndpointId = endpoint.Id,
            Username = withUsername ? $"user{user:D6}@corp.example.com" : null,
            CommonName = $"client{user:D6}.vpn.corp.example.com",
            ClientIp = $"10.{endpoint.Index % 250}.{_random.Next(256)}.{_random.Next(1, 255)}",
            PostureComplianceStatuses = _random.Next(100) < 30 ? ["compliant"] : null,
            Established = established,
            IngressBytesPerSecond = _random.Next(1_000, 200_000),
            EgressBytesPerSecond = _random.Next(500, 50_000),
        };
    }

    /// <summary>A whole second strictly after <paramref name="from"/> and strictly before <paramref name="to"/>.</summary>
    private DateTime Between(DateTime from, DateTime to)
    {
        var seconds = (int)(to - from).TotalSeconds;
        return from.AddSeconds(_random.Next(1, Math.Max(2, seconds)));
    }

    private sealed class EndpointState(string id, int index)
    {
        public string Id { get; } = id;
        public int Index { get; } = index;
        public long NextSequence { get; set; }
        public List<SyntheticSession> Active { get; } = [];
        public Queue<List<SyntheticSession>> Terminated { get; } = new();

        public IEnumerable<SyntheticSession> Listed() =>
            Terminated.SelectMany(cohort => cohort).Concat(Active).OrderBy(session => session.Sequence);
    }
}
