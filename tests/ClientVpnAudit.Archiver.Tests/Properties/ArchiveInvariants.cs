using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Tests.Integration;
using A = ClientVpnAudit.Archiver.Sessions.SessionAttributes;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// What the archive must say after a history was replayed: every end AWS listed is kept; only an end never listed is
/// inferred (lost); nothing the final poll no longer lists is left not ended; the observation times are in order.
/// Each violation names the session and shows its stored item.
/// </summary>
internal static class ArchiveInvariants
{
    public static IReadOnlyList<string> Check(History history, IReadOnlySet<string> servedEnds,
        IReadOnlyDictionary<string, Dictionary<string, AttributeValue>> items)
    {
        var violations = new List<string>();
        var everListed = history.Deliveries
            .SelectMany(delivery => AwsAnswers.Listed(history, delivery.Poll))
            .Select(connection => connection.Session.ConnectionId)
            .ToHashSet(StringComparer.Ordinal);
        var finalListing = AwsAnswers.Listed(history, history.FinalPoll).ToDictionary(connection => connection.Session.ConnectionId);

        foreach (var connectionId in items.Keys.Where(id => !everListed.Contains(id)).Order(StringComparer.Ordinal))
        {
            violations.Add($"{connectionId} is stored but no answer ever listed it: {StoredItems.Render(items[connectionId])}");
        }

        foreach (var session in history.Sessions)
        {
            if (!items.TryGetValue(session.ConnectionId, out var item))
            {
                if (everListed.Contains(session.ConnectionId))
                {
                    violations.Add($"{session.Describe(history)}: listed, but not stored");
                }

                continue;
            }

            var broken = new List<string>();
            var fail = (string invariant, string what) => broken.Add($"{invariant}: {what}");
            var listedEnd = servedEnds.Contains(session.ConnectionId);
            finalListing.TryGetValue(session.ConnectionId, out var finallyListed);

            KeepsEveryListedEnd(session, item, listedEnd, fail);
            MarksLostOnlyUnlistedEnds(item, listedEnd, fail);
            LeavesNothingUnlistedNotEnded(item, finallyListed, fail);
            KeepsObservationTimesInOrder(item, fail);
            IsInTheDayBucketItWasEstablishedIn(item, fail);

            if (broken.Count > 0)
            {
                violations.Add(session.Describe(history) + "\n"
                    + string.Concat(broken.Select(line => "  - " + line + "\n"))
                    + "  stored: " + StoredItems.Render(item));
            }
        }

        return violations;
    }

    /// <summary>1. An end AWS listed is archived as observed, with its end time and duration.</summary>
    private static void KeepsEveryListedEnd(HistorySession session, Dictionary<string, AttributeValue> item, bool listedEnd, Action<string, string> fail)
    {
        if (!listedEnd)
        {
            return;
        }

        const string rule = "AWS listed its end, so it must be archived as observed";
        Expect(item, A.Status, AwsAnswers.Terminated, rule, fail);
        Expect(item, A.EndObserved, "true", rule, fail);
        Expect(item, A.ConnectionEndTime, Connections.Stored(session.End!.Value), rule, fail);
        Expect(item, A.DurationSeconds, session.DurationSeconds!.Value.ToString(CultureInfo.InvariantCulture), rule, fail);
        Expect(item, A.MissingSince, null, rule, fail);
    }

    /// <summary>2. Lost (EndObserved false, with MissingSince) only when its end was never listed; the two go together.</summary>
    private static void MarksLostOnlyUnlistedEnds(Dictionary<string, AttributeValue> item, bool listedEnd, Action<string, string> fail)
    {
        var endObservedFalse = Get(item, A.EndObserved) == "false";
        var missingSince = Get(item, A.MissingSince) is not null;
        if ((endObservedFalse || missingSince) && listedEnd)
        {
            fail("marked lost only if its end was never listed", "it is marked lost, but AWS listed its end");
        }

        if (endObservedFalse != missingSince)
        {
            fail("a lost session has EndObserved false and MissingSince, never one without the other", "it has only one of them");
        }
    }

    /// <summary>
    /// 3. After the final poll, a session it does not list is terminated (and off the not-ended index); one it lists is
    /// stored with the status it lists.
    /// </summary>
    private static void LeavesNothingUnlistedNotEnded(Dictionary<string, AttributeValue> item, ListedConnection? finallyListed, Action<string, string> fail)
    {
        var status = Get(item, A.Status);
        var activeEndpoint = Get(item, A.ActiveEndpointId);
        if (finallyListed is null)
        {
            if (status != AwsAnswers.Terminated || activeEndpoint is not null)
            {
                fail("the final poll does not list it, so it must be terminated", "it is left not ended");
            }

            return;
        }

        if (status != finallyListed.Status)
        {
            fail($"the final poll lists it {finallyListed.Status}", $"it is stored {status}");
        }

        if ((activeEndpoint is null) != finallyListed.IsEnd)
        {
            fail("ActiveEndpointId is present exactly while a session is not terminated", $"the final poll lists it {finallyListed.Status}");
        }
    }

    /// <summary>5. EstablishedDay is the UTC date of ConnectionEstablishedTime, so the day index finds every record.</summary>
    private static void IsInTheDayBucketItWasEstablishedIn(Dictionary<string, AttributeValue> item, Action<string, string> fail)
    {
        var established = Get(item, A.ConnectionEstablishedTime);
        var day = Get(item, A.EstablishedDay);
        if (established is null || day != established[..10])
        {
            fail("EstablishedDay is the UTC date of ConnectionEstablishedTime", $"it is {day ?? "absent"}");
        }
    }

    /// <summary>LastObservedAt >= FirstObservedAt, and MissingSince (when present) >= LastObservedAt.</summary>
    private static void KeepsObservationTimesInOrder(Dictionary<string, AttributeValue> item, Action<string, string> fail)
    {
        var first = Get(item, A.FirstObservedAt);
        var last = Get(item, A.LastObservedAt);
        if (first is null || last is null || string.CompareOrdinal(last, first) < 0)
        {
            fail("LastObservedAt >= FirstObservedAt", "it is not");
        }

        if (Get(item, A.MissingSince) is { } missingSince && string.CompareOrdinal(missingSince, last) < 0)
        {
            fail("MissingSince >= LastObservedAt", "it is not");
        }
    }

    private static void Expect(Dictionary<string, AttributeValue> item, string name, string? expected, string rule, Action<string, string> fail)
    {
        var actual = Get(item, name);
        if (actual != expected)
        {
            fail(rule, $"{name} is {actual ?? "absent"}, expected {expected ?? "absent"}");
        }
    }

    private static string? Get(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? StoredItems.Render(value) : null;
}
