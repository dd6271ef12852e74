using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>
/// Collects SET and REMOVE clauses with #name / :value placeholders, so attribute names that are reserved words
/// (Status) and values never need escaping.
/// </summary>
internal sealed class UpdateExpressionBuilder
{
    private readonly List<string> _set = [];
    private readonly List<string> _remove = [];

    public Dictionary<string, string> Names { get; } = [];

    public Dictionary<string, AttributeValue> Values { get; } = [];

    public string Name(string attribute)
    {
        var placeholder = "#" + attribute;
        Names[placeholder] = attribute;
        return placeholder;
    }

    public string Value(AttributeValue value)
    {
        var placeholder = ":v" + Values.Count;
        Values[placeholder] = value;
        return placeholder;
    }

    public UpdateExpressionBuilder Set(string attribute, AttributeValue value)
    {
        _set.Add($"{Name(attribute)} = {Value(value)}");
        return this;
    }

    /// <summary>Sets the attribute when the value is present, removes it when absent.</summary>
    public UpdateExpressionBuilder SetOrRemove(string attribute, AttributeValue? value) =>
        value is null ? Remove(attribute) : Set(attribute, value);

    public UpdateExpressionBuilder SetIfNotExists(string attribute, AttributeValue value)
    {
        var name = Name(attribute);
        _set.Add($"{name} = if_not_exists({name}, {Value(value)})");
        return this;
    }

    public UpdateExpressionBuilder Remove(string attribute)
    {
        _remove.Add(Name(attribute));
        return this;
    }

    public string Build()
    {
        var clauses = new List<string>();
        if (_set.Count > 0)
        {
            clauses.Add("SET " + string.Join(", ", _set));
        }

        if (_remove.Count > 0)
        {
            clauses.Add("REMOVE " + string.Join(", ", _remove));
        }

        return string.Join(" ", clauses);
    }
}
