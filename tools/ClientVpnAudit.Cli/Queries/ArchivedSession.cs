using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// A session record as queries and exports show it: exactly the attributes of <see cref="SessionAttributes.Exported"/>,
/// each a string, a number (long), a bool, a list of strings, or null where the item lacks it.
/// </summary>
internal sealed class ArchivedSession
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    private ArchivedSession(IReadOnlyDictionary<string, object?> values) => _values = values;

    public object? this[string attribute] => _values.GetValueOrDefault(attribute);

    /// <summary>Every exported attribute in contract order, with null where absent.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Exported =>
        SessionAttributes.Exported.Select(name => KeyValuePair.Create(name, this[name]));

    public string ConnectionId => Text(SessionAttributes.ConnectionId) ?? "";

    public string? EndpointId => Text(SessionAttributes.ClientVpnEndpointId);

    public string? Identity => Text(SessionAttributes.Identity);

    public string? Status => Text(SessionAttributes.Status);

    public string EstablishedTime => Text(SessionAttributes.ConnectionEstablishedTime) ?? "";

    public string? EndTime => Text(SessionAttributes.ConnectionEndTime);

    public string? MissingSince => Text(SessionAttributes.MissingSince);

    public static ArchivedSession FromItem(IReadOnlyDictionary<string, AttributeValue> item) =>
        new(SessionAttributes.Exported.ToDictionary(name => name, name => item.TryGetValue(name, out var value) ? Read(value) : null));

    /// <summary>Sorted as every output lists sessions: by ConnectionEstablishedTime, then ConnectionId.</summary>
    public static IReadOnlyList<ArchivedSession> Sort(IEnumerable<ArchivedSession> sessions) => sessions
        .OrderBy(session => session.EstablishedTime, StringComparer.Ordinal)
        .ThenBy(session => session.ConnectionId, StringComparer.Ordinal)
        .ToList();

    public string? Text(string attribute) => this[attribute] as string;

    public long? Number(string attribute) => this[attribute] as long?;

    /// <summary>A stored value as output shows it: string, whole number, bool, list of strings, or null.</summary>
    public static object? Read(AttributeValue value)
    {
        if (value.S is not null)
        {
            return value.S;
        }

        if (value.N is not null)
        {
            // Every number of the record is whole; anything else stays exact as a decimal.
            return long.TryParse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? (object)whole
                : decimal.Parse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (value.BOOL is { } flag)
        {
            return flag;
        }

        if (value.L is { } list)
        {
            return list.Select(entry => entry.S ?? entry.N ?? "").ToArray();
        }

        return value.SS is { Count: > 0 } set ? set.ToArray() : null;
    }
}
