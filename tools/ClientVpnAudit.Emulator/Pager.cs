using System.Globalization;

namespace ClientVpnAudit.Emulator;

/// <summary>One page of a list: <c>Items[Start..Start+Count]</c>, the NextToken (null on the last page), and how to write it if empty.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int Start, int Count, string? NextToken, EmptyPageForm EmptyForm);

internal static class Pager
{
    public const int MinPageSize = 5;
    public const int MaxPageSize = 1000;

    /// <summary>MaxResults (5..1000); 1000 when absent.</summary>
    public static int PageSize(QueryParameters query)
    {
        var text = query.Get("MaxResults");
        if (text is null)
        {
            return MaxPageSize;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size)
            || size is < MinPageSize or > MaxPageSize)
        {
            throw new Ec2ErrorException(Ec2Error.MaxResultsOutOfRange(text));
        }
        return size;
    }

    public static Page<T> Take<T>(IReadOnlyList<T> items, QueryParameters query, int pageSize, long generation,
        string scope, EndpointFaults faults)
    {
        var token = query.Get("NextToken");
        var offset = 0;
        var emptiesServed = 0;
        if (!string.IsNullOrEmpty(token))
        {
            var decoded = PageToken.TryDecode(token);
            if (decoded is null || decoded.Scope != scope || decoded.Generation != generation || decoded.Offset < 0)
            {
                throw new Ec2ErrorException(Ec2Error.InvalidNextToken(token));
            }
            offset = Math.Min(decoded.Offset, items.Count);
            emptiesServed = decoded.EmptyPagesServed;
        }
        else
        {
            token = null;
        }

        if (emptiesServed < faults.EmptyPagesFirst)
        {
            var again = new PageToken(generation, offset, emptiesServed + 1, scope).Encode();
            return new Page<T>(items, offset, 0, again, faults.EmptyPagesForm);
        }

        var count = Math.Min(pageSize, items.Count - offset);
        var end = offset + count;
        var next = end < items.Count ? new PageToken(generation, end, emptiesServed, scope).Encode() : null;
        if (faults.RepeatNextToken)
        {
            next = token ?? new PageToken(generation, end, emptiesServed, scope).Encode();
        }
        return new Page<T>(items, offset, count, next, faults.EmptyListForm);
    }
}
