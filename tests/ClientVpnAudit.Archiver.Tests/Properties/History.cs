using System.Globalization;
using System.Text;
using ClientVpnAudit.Archiver.Tests.Integration;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// A small world over a few hours, as AWS Client VPN sees it: endpoints (some deleted at a poll), sessions with a start
/// and maybe an end, the polls the archiver makes (its clock, and how far AWS's Timestamp runs ahead of it), and the
/// order in which the archiver is handed the answers. <see cref="AwsAnswers"/> turns a poll into what AWS lists.
/// </summary>
public sealed record History(
    IReadOnlyList<HistoryEndpoint> Endpoints,
    IReadOnlyList<HistorySession> Sessions,
    IReadOnlyList<HistoryPoll> Polls,
    IReadOnlyList<Delivery> Deliveries)
{
    /// <summary>The last poll: in order, the latest clock, and always the last answer delivered.</summary>
    public int FinalPoll => Polls.Count - 1;

    public HistoryEndpoint EndpointOf(HistorySession session) => Endpoints[session.Endpoint];

    /// <summary>The whole history, with what each poll lists, in a form a human can rebuild it from.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"History (times are offsets from T0 = {Connections.Stored(Connections.T0)})\n");
        text.Append("  endpoints:\n");
        foreach (var endpoint in Endpoints)
        {
            text.Append("    ").Append(endpoint).Append('\n');
        }

        text.Append("  sessions:\n");
        foreach (var session in Sessions)
        {
            text.Append("    ").Append(session.Describe(this)).Append('\n');
        }

        text.Append("  polls (the archiver's clock; AWS's Timestamp is that clock plus the skew, a terminated connection's its end):\n");
        for (var poll = 0; poll < Polls.Count; poll++)
        {
            var listed = AwsAnswers.Listed(this, poll).Select(connection => connection.Describe());
            text.Append(CultureInfo.InvariantCulture, $"    #{poll} at {Offset(Polls[poll].At)} skew {Polls[poll].SkewSeconds} s")
                .Append(" endpoints [").Append(string.Join(", ", AwsAnswers.EndpointListing(this, poll).Select(e => $"{e.Id} {e.Status}")))
                .Append("] lists [").Append(string.Join(", ", listed)).Append("]\n");
        }

        text.Append("  deliveries: ").Append(string.Join(", ", Deliveries)).Append('\n');
        return text.ToString();
    }

    /// <summary>A time as an offset from <see cref="Connections.T0"/>, e.g. +1:05:02 or -0:10:00.</summary>
    public static string Offset(DateTime time)
    {
        var offset = time - Connections.T0;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var magnitude = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{(int)magnitude.TotalHours}:{magnitude.Minutes:D2}:{magnitude.Seconds:D2}");
    }
}

/// <summary>An endpoint; when <see cref="DeletedAtPoll"/> is set, that poll and every later one no longer find it.</summary>
public sealed record HistoryEndpoint(string Id, int? DeletedAtPoll = null, bool ListedAsDeleted = false)
{
    public bool ExistsAt(int poll) => DeletedAtPoll is null || poll < DeletedAtPoll;

    public override string ToString() => DeletedAtPoll is { } deleted
        ? $"{Id}: deleted before poll #{deleted}, then {(ListedAsDeleted ? "listed with status deleted" : "absent from the listing")}"
        : $"{Id}: exists throughout";
}

/// <summary>
/// A session (times on AWS's clock). <see cref="End"/> null: still connected after the last poll.
/// <see cref="ShowsTerminating"/>: a poll shortly before its end lists it as terminating.
/// </summary>
public sealed record HistorySession(string ConnectionId, int Endpoint, DateTime Start, DateTime? End, bool ShowsTerminating = false)
{
    public long? DurationSeconds => End is { } end ? (long)(end - Start).TotalSeconds : null;

    public string Describe(History history) =>
        $"{ConnectionId} on {history.EndpointOf(this).Id}: {History.Offset(Start)} -> {(End is { } end ? History.Offset(end) : "still connected")}"
        + (ShowsTerminating ? " (shows terminating shortly before its end)" : "");
}

/// <summary>One poll: the archiver's clock when it asks, and how many seconds AWS's Timestamp runs ahead of that clock.</summary>
public sealed record HistoryPoll(DateTime At, int SkewSeconds)
{
    /// <summary>The Timestamp AWS puts on a connection it lists as still connected.</summary>
    public DateTime AwsNow => At.AddSeconds(SkewSeconds);
}

public enum DeliveryKind
{
    /// <summary>The poll's answer, in its place.</summary>
    InOrder,

    /// <summary>The same answer again, right after itself.</summary>
    Again,

    /// <summary>An answer handed over after newer ones (the clock set back to its poll's time).</summary>
    Late,
}

/// <summary>One run of the archiver: the answer of poll <see cref="Poll"/>, with the clock at that poll's time.</summary>
public sealed record Delivery(int Poll, DeliveryKind Kind)
{
    public override string ToString() => Kind switch
    {
        DeliveryKind.Again => $"#{Poll} again",
        DeliveryKind.Late => $"#{Poll} late",
        _ => $"#{Poll}",
    };
}
