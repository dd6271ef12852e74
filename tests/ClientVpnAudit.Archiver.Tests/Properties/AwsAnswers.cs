using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Tests.Integration;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// What AWS answers at a poll of a <see cref="History"/>, per endpoint still existing: every session connected at the
/// poll's time (active, or terminating shortly before its end; Timestamp = AWS's now, counters growing) and every
/// session that ended within the last 60 minutes (terminated, its Timestamp frozen at its ConnectionEndTime).
/// </summary>
internal static class AwsAnswers
{
    public const string Active = "active";
    public const string Terminating = "terminating";
    public const string Terminated = "terminated";

    /// <summary>How long AWS keeps listing a connection after it ended.</summary>
    public static readonly TimeSpan EndedWindow = TimeSpan.FromMinutes(60);

    /// <summary>How shortly before its end a session that shows it is listed as terminating.</summary>
    public static readonly TimeSpan TerminatingLead = TimeSpan.FromSeconds(90);

    /// <summary>DescribeClientVpnEndpoints at the poll: existing endpoints available, deleted ones absent or listed as deleted.</summary>
    public static IReadOnlyList<(string Id, string Status)> EndpointListing(History history, int poll) =>
        history.Endpoints
            .Where(endpoint => endpoint.ExistsAt(poll) || endpoint.ListedAsDeleted)
            .Select(endpoint => (endpoint.Id, endpoint.ExistsAt(poll) ? "available" : EndpointDiscovery.DeletedStatus))
            .ToList();

    /// <summary>Every connection the poll lists, over all its existing endpoints.</summary>
    public static IReadOnlyList<ListedConnection> Listed(History history, int poll)
    {
        var at = history.Polls[poll];
        var listed = new List<ListedConnection>();
        foreach (var session in history.Sessions.Where(session => history.EndpointOf(session).ExistsAt(poll) && session.Start <= at.At))
        {
            if (session.End is not { } end || end > at.At)
            {
                var endsShortly = session.End - at.At <= TerminatingLead;
                listed.Add(new ListedConnection(session, session.ShowsTerminating && endsShortly ? Terminating : Active, at.AwsNow));
            }
            else if (at.At - end < EndedWindow)
            {
                listed.Add(new ListedConnection(session, Terminated, end));
            }
        }

        return listed;
    }

    public static Snapshot Snapshot(History history, int poll) => SnapshotLoader.FromConnections(
        Listed(history, poll).Select(connection => connection.ToAws(history)),
        EndpointListing(history, poll).Select(endpoint => new SnapshotEndpoint(endpoint.Id, endpoint.Status)));
}

/// <summary>One connection in a poll's answer: the session, the status AWS gives it and the Timestamp it carries.</summary>
internal sealed record ListedConnection(HistorySession Session, string Status, DateTime Timestamp)
{
    public bool IsEnd => Status == AwsAnswers.Terminated;

    public SnapshotConnection ToAws(History history)
    {
        var countedUntil = Session.End is { } end && end < Timestamp ? end : Timestamp;
        var connected = Connections.Active(Session.ConnectionId, history.EndpointOf(Session).Id, Timestamp, Session.Start,
            bytes: 1000 + (7 * (long)(countedUntil - Session.Start).TotalSeconds), username: "user-" + Session.ConnectionId[^3..]);
        return IsEnd
            ? Connections.Terminated(connected, endedAt: Session.End!.Value, observedAt: Timestamp)
            : connected with { StatusCode = Status };
    }

    public string Describe() => IsEnd
        ? $"{Session.ConnectionId} terminated at {History.Offset(Timestamp)}"
        : $"{Session.ConnectionId} {Status}";
}
