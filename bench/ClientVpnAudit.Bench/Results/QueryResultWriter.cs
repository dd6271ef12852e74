using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClientVpnAudit.Bench.Queries;

namespace ClientVpnAudit.Bench.Results;

/// <summary>The query benchmark's section of latest.md and latest.json.</summary>
internal static class QueryResultWriter
{
    public static void Markdown(StringBuilder md, QueryBenchResult result)
    {
        var spec = result.Spec;
        Line(md);
        Line(md, Invariant($"## Queries: who was connected, over {spec.Days} days of history"));
        Line(md);
        Line(md, Invariant($"{spec.Records:N0} sessions over {spec.Days} days (about {spec.RecordsPerDay:N0} a day), {spec.Endpoints} endpoints, {spec.Identities:N0} users, ")
            + Invariant($"loaded in chronological order (BatchWriteItem) into a table of the layout; each question asked after {string.Join(", ", spec.Checkpoints)} days were stored. ")
            + Invariant($"T = {Archiver.Sessions.AuditTime.Format(spec.QuestionTime)} (day {spec.QuestionDay}). Loading took {result.LoadSeconds:0} s, the whole query benchmark {result.RunSeconds:0} s. ")
            + "Items read = what the store read (ScannedCount of each Query and Scan page, the items of each BatchGetItem); RRU by DynamoDB's rules "
            + "(eventually consistent: 0.5 per started 4 KB of each Query or Scan page, of each BatchGetItem item). "
            + "The Scan is one Scan of the whole table, the same for every question (its filter is applied to what it read).");
        Line(md);
        Line(md, "| days stored | sessions stored | question | plan | sessions found | items read | RRU | requests | wall s | Scan / index plan, RRU |");
        Line(md, "|---:|---:|---|---|---:|---:|---:|---|---:|---:|");
        foreach (var group in result.Measurements.GroupBy(m => (m.DaysStored, m.Question)))
        {
            var index = group.Single(m => m.Plan == QueryBenchResult.IndexPlan);
            var scan = group.Single(m => m.Plan == QueryBenchResult.TableScan);
            Row(md, index, Invariant($"{scan.ReadUnits / index.ReadUnits:N1}x"));
            Row(md, scan, "");
        }

        Line(md);
        Line(md, "Growth with the history (index plan, read units at each checkpoint; the Scan's for comparison):");
        Line(md);
        foreach (var question in result.Questions)
        {
            var index = result.Measurements.Where(m => m.Question == question.Name && m.Plan == QueryBenchResult.IndexPlan).ToList();
            var scan = result.Measurements.Where(m => m.Question == question.Name && m.Plan == QueryBenchResult.TableScan).ToList();
            Line(md, Invariant($"- {question.Name} (`{question.Command}`): index plan {Series(index, m => m.ReadUnits)} RRU, ")
                + Invariant($"{Series(index, m => m.ItemsRead, "N0")} items; Scan {Series(scan, m => m.ReadUnits)} RRU"));
        }

        Line(md);
        Line(md, result.Correct
            ? "Check: at every checkpoint the index plan found exactly the sessions the Scan filtered by the overlap rule found."
            : $"Check: **WRONG**: {string.Join(" | ", result.Mismatches)}");
    }

    public static JsonNode Json(QueryBenchResult result) => new JsonObject
    {
        ["records"] = result.Spec.Records,
        ["days"] = result.Spec.Days,
        ["endpoints"] = result.Spec.Endpoints,
        ["identities"] = result.Spec.Identities,
        ["question_time"] = Archiver.Sessions.AuditTime.Format(result.Spec.QuestionTime),
        ["load_seconds"] = Math.Round(result.LoadSeconds, 1),
        ["correct"] = result.Correct,
        ["measurements"] = new JsonArray(result.Measurements.Select(m => (JsonNode)new JsonObject
        {
            ["days_stored"] = m.DaysStored,
            ["records_stored"] = m.RecordsStored,
            ["question"] = m.Question,
            ["plan"] = m.Plan,
            ["sessions"] = m.Sessions,
            ["items_read"] = m.ItemsRead,
            ["read_units"] = m.ReadUnits,
            ["requests"] = m.Requests,
            ["requests_by_operation"] = new JsonObject(m.RequestsByOperation.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["wall_seconds"] = Math.Round(m.WallSeconds, 3),
        }).ToArray()),
    };

    private static void Row(StringBuilder md, QueryMeasurement m, string ratio) =>
        Line(md, Invariant($"| {m.DaysStored} | {m.RecordsStored:N0} | {m.Question} | {m.Plan} | {m.Sessions:N0} | {m.ItemsRead:N0} | {m.ReadUnits:N1} | ")
            + Invariant($"{m.Requests:N0} ({string.Join(", ", m.RequestsByOperation.Select(pair => $"{pair.Value} {pair.Key}"))}) | {m.WallSeconds:0.00} | {ratio} |"));

    private static string Series(IEnumerable<QueryMeasurement> measurements, Func<QueryMeasurement, double> value, string format = "N1") =>
        string.Join(" / ", measurements.Select(m => value(m).ToString(format, CultureInfo.InvariantCulture)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
