using System.Globalization;

namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>Reads <see cref="ArchiverOptions"/> from environment variables, failing fast on the first bad one.</summary>
public static class ArchiverOptionsReader
{
    public static ArchiverOptions FromEnvironment() =>
        Read(name => System.Environment.GetEnvironmentVariable(name));

    /// <exception cref="ArchiverConfigurationException">A variable is missing or malformed; the message names it and its value.</exception>
    public static ArchiverOptions Read(Func<string, string?> lookup)
    {
        var tableName = lookup(ArchiverSettingNames.TableName);
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw new ArchiverConfigurationException($"{ArchiverSettingNames.TableName} is required (the DynamoDB table to archive into)");
        }

        return new ArchiverOptions
        {
            TableName = tableName.Trim(),
            EndpointIds = ReadEndpointIds(lookup(ArchiverSettingNames.EndpointIds)),
            RetentionDays = ReadInteger(lookup, ArchiverSettingNames.RetentionDays, 0, min: 0, max: 36_500),
            ActiveRefreshMinutes = ReadInteger(lookup, ArchiverSettingNames.ActiveRefreshMinutes,
                ArchiverOptions.DefaultActiveRefreshMinutes, min: 0, max: 24 * 60),
            MaxConcurrency = ReadInteger(lookup, ArchiverSettingNames.MaxConcurrency,
                ArchiverOptions.DefaultMaxConcurrency, min: 1, max: 64),
            TimeBudget = TimeSpan.FromSeconds(ReadInteger(lookup, ArchiverSettingNames.TimeBudgetSeconds,
                ArchiverOptions.DefaultTimeBudgetSeconds, min: 1, max: 900)),
        };
    }

    private static IReadOnlyList<string> ReadEndpointIds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var ids = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var id in ids)
        {
            if (!id.StartsWith("cvpn-endpoint-", StringComparison.Ordinal) || id.Any(char.IsWhiteSpace))
            {
                throw new ArchiverConfigurationException(
                    $"{ArchiverSettingNames.EndpointIds} has '{id}', which is not a Client VPN endpoint ID (cvpn-endpoint-...)");
            }
        }

        return ids.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static int ReadInteger(Func<string, string?> lookup, string name, int fallback, int min, int max)
    {
        var value = lookup(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw new ArchiverConfigurationException($"{name} must be a whole number from {min} to {max}, got '{value}'");
        }

        return parsed;
    }
}
