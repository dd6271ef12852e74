using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>
/// Applies an UpdateItem's UpdateExpression to the item as it was, giving the item as it is after the write: what the
/// accounting needs to know which attributes, and so which indexes, the write changed. It understands the forms both
/// pollers use (SET path = :value, SET path = if_not_exists(path, :value), REMOVE path) and refuses anything else, so
/// an expression it cannot price fails loudly instead of being priced wrong. Each distinct expression is parsed once.
/// </summary>
internal static partial class UpdateExpressionEvaluator
{
    private static readonly ConcurrentDictionary<string, UpdateAction[]> Parsed = new(StringComparer.Ordinal);

    public static Dictionary<string, JsonElement> Apply(IReadOnlyDictionary<string, JsonElement> before, string expression,
        JsonElement names, JsonElement values)
    {
        var after = new Dictionary<string, JsonElement>(before, StringComparer.Ordinal);
        foreach (var action in Parsed.GetOrAdd(expression, Parse))
        {
            var path = action.Path.StartsWith('#')
                ? Lookup(names, action.Path, "ExpressionAttributeNames", expression).GetString()!
                : action.Path;
            switch (action.Kind)
            {
                case ActionKind.Remove:
                    after.Remove(path);
                    break;
                case ActionKind.SetIfNotExists when after.ContainsKey(path):
                    break;
                default:
                    after[path] = Lookup(values, action.Value!, "ExpressionAttributeValues", expression);
                    break;
            }
        }

        return after;
    }

    private static JsonElement Lookup(JsonElement map, string placeholder, string what, string expression) =>
        map.ValueKind == JsonValueKind.Object && map.TryGetProperty(placeholder, out var value)
            ? value
            : throw new InvalidOperationException($"{placeholder} is not in {what}: {expression}");

    private static UpdateAction[] Parse(string expression)
    {
        var actions = new List<UpdateAction>();
        foreach (var (keyword, body) in Clauses(expression))
        {
            foreach (var text in SplitTopLevel(body))
            {
                actions.Add(keyword switch
                {
                    "SET" => ParseSet(text, expression),
                    "REMOVE" => new UpdateAction(ActionKind.Remove, Path(text, expression), null),
                    _ => throw new NotSupportedException($"{keyword} is not priced by the bench: {expression}"),
                });
            }
        }

        return [.. actions];
    }

    private static UpdateAction ParseSet(string action, string expression)
    {
        var equals = action.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw new NotSupportedException($"cannot read SET action '{action}' in: {expression}");
        }

        var path = Path(action[..equals], expression);
        var operand = action[(equals + 1)..].Trim();
        var ifNotExists = IfNotExists().Match(operand);
        if (ifNotExists.Success)
        {
            if (Path(ifNotExists.Groups["path"].Value, expression) != path)
            {
                throw new NotSupportedException($"if_not_exists of another attribute is not priced by the bench: {expression}");
            }

            return new UpdateAction(ActionKind.SetIfNotExists, path, ifNotExists.Groups["value"].Value);
        }

        return operand.StartsWith(':') && Placeholder().IsMatch(operand)
            ? new UpdateAction(ActionKind.Set, path, operand)
            : throw new NotSupportedException($"operand '{operand}' is not priced by the bench: {expression}");
    }

    private static string Path(string text, string expression)
    {
        var path = text.Trim();
        return path.StartsWith('#') ? path
            : PlainName().IsMatch(path) ? path
            : throw new NotSupportedException($"nested or computed path '{path}' is not priced by the bench: {expression}");
    }

    /// <summary>"SET a = :x, b = :y REMOVE c" -> (SET, "a = :x, b = :y"), (REMOVE, "c").</summary>
    private static IEnumerable<(string Keyword, string Body)> Clauses(string expression)
    {
        var matches = Keyword().Matches(expression);
        if (matches.Count == 0 || expression[..matches[0].Index].Trim().Length > 0)
        {
            throw new NotSupportedException($"cannot read UpdateExpression: {expression}");
        }

        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : expression.Length;
            yield return (matches[i].Value.ToUpperInvariant(), expression[start..end]);
        }
    }

    private static IEnumerable<string> SplitTopLevel(string body)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return body[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return body[start..];
    }

    [GeneratedRegex(@"(?<=^|\s)(SET|REMOVE|ADD|DELETE)(?=\s)", RegexOptions.IgnoreCase)]
    private static partial Regex Keyword();

    [GeneratedRegex(@"^if_not_exists\s*\(\s*(?<path>[^,\s]+)\s*,\s*(?<value>:[A-Za-z0-9_]+)\s*\)$")]
    private static partial Regex IfNotExists();

    [GeneratedRegex(@"^:[A-Za-z0-9_]+$")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^#?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();

    private enum ActionKind
    {
        Set,
        SetIfNotExists,
        Remove,
    }

    private sealed record UpdateAction(ActionKind Kind, string Path, string? Value);
}
