using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ClientVpnAudit.Emulator;

internal sealed record QueryFilter(string Name, IReadOnlyList<string> Values);

/// <summary>
/// The parameters of an EC2 Query request (form body and query string). Lists arrive flattened as <c>Name.N</c>;
/// the .NET SDK also sends a bare <c>Filter=</c> for an empty list, which is ignored.
/// </summary>
internal sealed class QueryParameters
{
    private readonly Dictionary<string, string> _values;

    private QueryParameters(Dictionary<string, string> values) => _values = values;

    public static async Task<QueryParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query)
        {
            values[key] = value.ToString();
        }
        if (request.ContentLength is not 0)
        {
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(cancellationToken);
            foreach (var (key, value) in QueryHelpers.ParseQuery(body))
            {
                values[key] = value.ToString();
            }
        }
        return new QueryParameters(values);
    }

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary><c>Name.1</c>, <c>Name.2</c>, ... in index order, skipping empty values.</summary>
    public IReadOnlyList<string> GetList(string name)
    {
        var prefix = name + ".";
        return _values
            .Select(kv => (Index: IndexAfter(kv.Key, prefix), kv.Value))
            .Where(x => x.Index is not null && x.Value.Length > 0)
            .OrderBy(x => x.Index)
            .Select(x => x.Value)
            .ToList();
    }

    /// <summary><c>Filter.N.Name</c> with <c>Filter.N.Value.M</c>, in index order.</summary>
    public IReadOnlyList<QueryFilter> GetFilters()
    {
        var names = new SortedDictionary<int, string>();
        var values = new Dictionary<int, SortedDictionary<int, string>>();
        foreach (var (key, value) in _values)
        {
            var parts = key.Split('.');
            if (parts.Length < 3 || parts[0] != "Filter" || !TryIndex(parts[1], out var n))
            {
                continue;
            }
            if (parts.Length == 3 && parts[2] == "Name")
            {
                names[n] = value;
            }
            else if (parts.Length == 4 && parts[2] == "Value" && TryIndex(parts[3], out var m))
            {
                if (!values.TryGetValue(n, out var list))
                {
                    values[n] = list = new SortedDictionary<int, string>();
                }
                list[m] = value;
            }
        }
        return names
            .Select(kv => new QueryFilter(kv.Value,
                values.TryGetValue(kv.Key, out var v) ? v.Values.ToList() : []))
            .ToList();
    }

    public bool IsTrue(string name) => string.Equals(Get(name), "true", StringComparison.OrdinalIgnoreCase);

    private static int? IndexAfter(string key, string prefix) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && TryIndex(key[prefix.Length..], out var n) ? n : null;

    private static bool TryIndex(string text, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;
}
