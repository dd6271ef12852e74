using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Bench.Queries;

/// <summary>A question an auditor asks, as the filter `cvpn-audit sessions` builds for it.</summary>
internal sealed record QueryQuestion(string Name, string Command, SessionFilter Filter)
{
    /// <summary>The four questions; the endpoint and the user are those of a session connected at T, so each finds one.</summary>
    public static IReadOnlyList<QueryQuestion> For(HistorySpec spec)
    {
        var at = spec.QuestionTime;
        var text = AuditTime.Format(at);
        var connected = HistoryGenerator.Records(spec).Select(ArchivedSession.FromItem)
            .First(new SessionFilter { Since = at, Until = at }.Matches);
        var endpoint = connected.EndpointId!;
        var user = connected.Identity!;
        return
        [
            new("connected at T, every endpoint", $"sessions --at {text}", new SessionFilter { Since = at, Until = at }),
            new("connected at T, one endpoint", $"sessions --at {text} --endpoint {endpoint}",
                new SessionFilter { Since = at, Until = at, EndpointId = endpoint }),
            new("connected at T, one user", $"sessions --at {text} --user {user}", new SessionFilter { Since = at, Until = at, Identity = user }),
            new("one week, every endpoint", $"sessions --since {text} --until {AuditTime.Format(at.AddDays(7))}",
                new SessionFilter { Since = at, Until = at.AddDays(7) }),
        ];
    }
}
