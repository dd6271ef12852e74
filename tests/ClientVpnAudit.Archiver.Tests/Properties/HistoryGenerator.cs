using ClientVpnAudit.Archiver.Tests.Integration;
using FsCheck;
using FsCheck.Fluent;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// Random histories: 1-3 endpoints (one may be deleted at a poll), up to 12 sessions, 4-14 polls mostly 5 minutes apart
/// with outages past AWS's 60-minute window, delivered mostly in order but also twice and late.
/// </summary>
public static class HistoryGenerator
{
    public const int MaxEndpoints = 3;
    public const int MaxSessions = 12;
    public const int MinPolls = 4;
    public const int MaxPolls = 14;

    public static Gen<History> Histories =>
        from endpointCount in Gen.Choose(1, MaxEndpoints)
        from pollCount in Gen.Choose(MinPolls, MaxPolls)
        from polls in Polls(pollCount)
        from endpoints in Gen.CollectToArray(Enumerable.Range(1, endpointCount), index => Endpoint(index, pollCount))
        from sessionCount in Gen.Choose(0, MaxSessions)
        from sessions in Gen.ArrayOf(Session(endpointCount, polls), sessionCount)
        from deliveries in Deliveries(pollCount)
        select new History(endpoints, Existing(sessions, endpoints, polls), polls, deliveries);

    /// <summary>Usually 5 minutes (give or take a few seconds) apart; sometimes half an hour, sometimes an outage of 61-95 minutes.</summary>
    private static Gen<HistoryPoll[]> Polls(int count) =>
        from first in Gen.Choose(0, 120)
        from gaps in Gen.ArrayOf(Gen.Frequency(
            (12, Gen.Choose(290, 310)),
            (1, Gen.Choose(20 * 60, 55 * 60)),
            (2, Gen.Choose(61 * 60, 95 * 60))), count - 1)
        from skews in Gen.ArrayOf(Gen.Choose(0, 3), count)
        select Enumerable.Range(0, count)
            .Select(poll => new HistoryPoll(Connections.T0.AddSeconds(first + gaps.Take(poll).Sum()), skews[poll]))
            .ToArray();

    /// <summary>One endpoint in four is deleted at some poll after the first, then absent or listed as deleted.</summary>
    private static Gen<HistoryEndpoint> Endpoint(int index, int pollCount) =>
        from deleted in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from deletedAt in Gen.Choose(1, pollCount - 1)
        from listedAsDeleted in Gen.Elements(false, true)
        select deleted
            ? new HistoryEndpoint($"cvpn-endpoint-e{index}", deletedAt, listedAsDeleted)
            : new HistoryEndpoint($"cvpn-endpoint-e{index}");

    /// <summary>
    /// A session: still connected, ended after a random while (seconds inside one poll interval, minutes, hours), ended a
    /// few seconds after a poll (before the Timestamp AWS put on that poll's answer, when skewed), or ended shortly
    /// after a poll that showed it terminating.
    /// </summary>
    private static Gen<HistorySession> Session(int endpointCount, HistoryPoll[] polls)
    {
        var first = (int)(polls[0].At - Connections.T0).TotalSeconds - (20 * 60);
        var last = (int)(polls[^1].At - Connections.T0).TotalSeconds;
        var anyStart = Gen.Choose(first, last);
        var lasting = Gen.Frequency((3, Gen.Choose(5, 280)), (3, Gen.Choose(5 * 60, 55 * 60)), (2, Gen.Choose(60 * 60, 180 * 60)));
        var afterAPoll =
            from poll in Gen.Choose(0, polls.Length - 1)
            from secondsAfter in Gen.Choose(1, 4)
            from lasted in Gen.Choose(60, 60 * 60)
            let end = polls[poll].At.AddSeconds(secondsAfter)
            select (Start: end.AddSeconds(-lasted), End: (DateTime?)end, Terminating: false);
        var terminating =
            from poll in Gen.Choose(0, polls.Length - 1)
            from secondsAfter in Gen.Choose(5, (int)AwsAnswers.TerminatingLead.TotalSeconds)
            from lasted in Gen.Choose(120, 60 * 60)
            let end = polls[poll].At.AddSeconds(secondsAfter)
            select (Start: end.AddSeconds(-lasted), End: (DateTime?)end, Terminating: true);
        var stillConnected = anyStart.Select(start => (Start: Connections.T0.AddSeconds(start), End: (DateTime?)null, Terminating: false));
        var ended =
            from start in anyStart
            from lasted in lasting
            select (Start: Connections.T0.AddSeconds(start), End: (DateTime?)Connections.T0.AddSeconds(start + lasted), Terminating: false);

        return
            from endpoint in Gen.Choose(0, endpointCount - 1)
            from times in Gen.Frequency((2, stillConnected), (5, ended), (2, afterAPoll), (1, terminating))
            select new HistorySession("", endpoint, times.Start, times.End, times.Terminating);
    }

    /// <summary>No session starts on a deleted endpoint after the last poll that found it; the rest are numbered by start.</summary>
    private static HistorySession[] Existing(HistorySession[] sessions, HistoryEndpoint[] endpoints, HistoryPoll[] polls) =>
        sessions
            .Where(session => endpoints[session.Endpoint].DeletedAtPoll is not { } deleted || session.Start <= polls[deleted - 1].At)
            .OrderBy(session => session.Start)
            .Select((session, index) => session with { ConnectionId = $"cvpn-connection-s{index + 1:D2}" })
            .ToArray();

    /// <summary>
    /// Each poll but the last is delivered in its place (mostly), twice, again 1-3 polls later, or only 1-3 polls late;
    /// the last poll is delivered last (maybe twice), so it is the final word.
    /// </summary>
    private static Gen<Delivery[]> Deliveries(int pollCount) =>
        from plans in Gen.ArrayOf(Gen.Zip(Gen.Frequency(
            (7, Gen.Constant(Plan.InOrder)), (1, Gen.Constant(Plan.Twice)), (1, Gen.Constant(Plan.ReplayedLater)), (1, Gen.Constant(Plan.OnlyLate))),
            Gen.Choose(1, 3)), pollCount)
        select Schedule(plans);

    private enum Plan { InOrder, Twice, ReplayedLater, OnlyLate }

    private static Delivery[] Schedule((Plan Plan, int Delay)[] plans)
    {
        var final = plans.Length - 1;
        var slots = new List<(int After, int Order, Delivery Delivery)>();
        for (var poll = 0; poll < plans.Length; poll++)
        {
            var (plan, delay) = plans[poll];
            var canBeLate = poll < final - 1;
            var effective = plan switch
            {
                Plan.ReplayedLater when !canBeLate => Plan.Twice,
                Plan.OnlyLate when !canBeLate => Plan.InOrder,
                _ => plan,
            };
            if (effective != Plan.OnlyLate)
            {
                slots.Add((poll, 0, new Delivery(poll, DeliveryKind.InOrder)));
            }

            if (effective == Plan.Twice)
            {
                slots.Add((poll, 1, new Delivery(poll, DeliveryKind.Again)));
            }

            if (effective is Plan.ReplayedLater or Plan.OnlyLate)
            {
                slots.Add((Math.Min(poll + delay, final - 1), 2, new Delivery(poll, DeliveryKind.Late)));
            }
        }

        return slots.OrderBy(slot => slot.After).ThenBy(slot => slot.Order).ThenBy(slot => slot.Delivery.Poll)
            .Select(slot => slot.Delivery).ToArray();
    }
}

/// <summary>Registers <see cref="HistoryGenerator.Histories"/> for FsCheck. No shrinking: each try replays through dynalite.</summary>
public static class HistoryArbitrary
{
    public static Arbitrary<History> Histories() => Arb.From(HistoryGenerator.Histories);
}
