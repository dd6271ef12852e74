using System.Globalization;
using System.Text.RegularExpressions;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>
/// Reads <see cref="ArchiverOptions"/> from environment variables, failing fast on the first bad one. The one check of
/// the archiver's settings: the stack passes its context values through the same per-setting readers at synth time.
/// </summary>
public static partial class ArchiverOptionsReader
{
    public const int MaximumRetentionDays = 36_500;

    public static ArchiverOptions FromEnvironment() =>
        Read(name => System.Environment.GetEnvironmentVariable(name));

    /// <exception cref="ArchiverConfigurationException">A variable is missing or malformed; the message names it and its value.</exception>
    public static ArchiverOptions Read(Func<string, string?> lookup)
    {
        var tableName = lookup(ArchiverSettingNames.TableName);
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw new ArchiverConfigurationException(ArchiverSettingNames.TableName, "the DynamoDB table to archive into", value: null);
        }

        var own = new Target(ReadAccountId(lookup(ArchiverSettingNames.AccountId)), ReadRegion(lookup(ArchiverSettingNames.Region)));
        return new ArchiverOptions
        {
            TableName = tableName.Trim(),
            Targets = ReadTargets(lookup(ArchiverSettingNames.Targets)),
            MemberRoleName = ReadMemberRoleName(lookup(ArchiverSettingNames.MemberRoleName)),
            EndpointTableName = lookup(ArchiverSettingNames.EndpointTableName) is { } endpointTable && !string.IsNullOrWhiteSpace(endpointTable)
                ? endpointTable.Trim()
                : null,
            EndpointIds = ReadEndpointIds(lookup(ArchiverSettingNames.EndpointIds)),
            RetentionDays = ReadRetentionDays(lookup(ArchiverSettingNames.RetentionDays)),
            ActiveRefreshMinutes = ReadActiveRefreshMinutes(lookup(ArchiverSettingNames.ActiveRefreshMinutes)),
            MaxConcurrency = ReadMaxConcurrency(lookup(ArchiverSettingNames.MaxConcurrency)),
            TimeBudget = TimeSpan.FromSeconds(ReadInteger(ArchiverSettingNames.TimeBudgetSeconds, lookup(ArchiverSettingNames.TimeBudgetSeconds),
                ArchiverOptions.DefaultTimeBudgetSeconds, min: 1, max: 900)),
            PollInterval = TimeSpan.FromMinutes(ReadPollIntervalMinutes(lookup(ArchiverSettingNames.PollIntervalMinutes))),
            WorkQueueUrl = lookup(ArchiverSettingNames.WorkQueueUrl) is { } queueUrl && !string.IsNullOrWhiteSpace(queueUrl) ? queueUrl.Trim() : null,
            Target = own,
        };
    }

    /// <summary>Comma-separated endpoint IDs; blank means every endpoint (empty list).</summary>
    public static IReadOnlyList<string> ReadEndpointIds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var ids = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var invalid = ids.FirstOrDefault(id => !EndpointIdPattern().IsMatch(id));
        if (ids.Length == 0 || invalid is not null)
        {
            throw new ArchiverConfigurationException(ArchiverSettingNames.EndpointIds,
                "comma-separated Client VPN endpoint IDs such as cvpn-endpoint-0123456789abcdef0"
                + (invalid is null ? "" : $" ('{invalid}' is not one)"), value);
        }

        return ids.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>0 keeps sessions forever; 100 years at most keeps ExpiresAt (epoch seconds) well in range.</summary>
    public static int ReadRetentionDays(string? value) =>
        ReadInteger(ArchiverSettingNames.RetentionDays, value, 0, min: 0, max: MaximumRetentionDays);

    public static int ReadActiveRefreshMinutes(string? value) =>
        ReadInteger(ArchiverSettingNames.ActiveRefreshMinutes, value, ArchiverOptions.DefaultActiveRefreshMinutes, min: 0, max: 24 * 60);

    public static int ReadMaxConcurrency(string? value) =>
        ReadInteger(ArchiverSettingNames.MaxConcurrency, value, ArchiverOptions.DefaultMaxConcurrency, min: 1, max: 64);

    /// <summary>The schedule's interval in minutes; a worker drops work older than that.</summary>
    public static int ReadPollIntervalMinutes(string? value) =>
        ReadInteger(ArchiverSettingNames.PollIntervalMinutes, value, ArchiverOptions.DefaultPollIntervalMinutes, min: 1, max: 60);

    public static bool IsAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value);

    public static bool IsRegion(string? value) => value is not null && RegionPattern().IsMatch(value);

    public static bool IsEndpointId(string? value) => value is not null && EndpointIdPattern().IsMatch(value);

    /// <summary>Comma-separated ACCOUNT:REGION pairs, each checked as an account and a region; blank means none (the own target).</summary>
    public static IReadOnlyList<Target> ReadTargets(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var targets = new List<Target>();
        foreach (var pair in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length != 2 || !AccountIdPattern().IsMatch(parts[0]) || !RegionPattern().IsMatch(parts[1]))
            {
                throw new ArchiverConfigurationException(ArchiverSettingNames.Targets,
                    $"comma-separated ACCOUNT:REGION pairs such as 123456789012:eu-west-1 ('{pair}' is not one)", value);
            }

            targets.Add(new Target(parts[0], parts[1]));
        }

        return targets.Count == 0
            ? throw new ArchiverConfigurationException(ArchiverSettingNames.Targets, "comma-separated ACCOUNT:REGION pairs such as 123456789012:eu-west-1", value)
            : targets.Distinct().ToArray();
    }

    /// <summary>An IAM role name; blank means <see cref="ArchiverOptions.DefaultMemberRoleName"/>.</summary>
    public static string ReadMemberRoleName(string? value) =>
        string.IsNullOrWhiteSpace(value) ? ArchiverOptions.DefaultMemberRoleName
        : RoleNamePattern().IsMatch(value.Trim()) ? value.Trim()
        : throw new ArchiverConfigurationException(ArchiverSettingNames.MemberRoleName, "an IAM role name (letters, digits and +=,.@_-, up to 64)", value);

    /// <summary>Twelve digits; blank means the local placeholder account.</summary>
    public static string ReadAccountId(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Target.Local.AccountId
        : AccountIdPattern().IsMatch(value.Trim()) ? value.Trim()
        : throw new ArchiverConfigurationException(ArchiverSettingNames.AccountId, "a 12-digit AWS account ID", value);

    /// <summary>A region name such as eu-west-1; blank means the local placeholder region.</summary>
    public static string ReadRegion(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Target.Local.Region
        : RegionPattern().IsMatch(value.Trim()) ? value.Trim()
        : throw new ArchiverConfigurationException(ArchiverSettingNames.Region, "an AWS region name such as eu-west-1", value);

    private static int ReadInteger(string name, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw new ArchiverConfigurationException(name, $"a whole number from {min} to {max}", value);
        }

        return parsed;
    }

    [GeneratedRegex("^cvpn-endpoint-[0-9a-f]+$")]
    private static partial Regex EndpointIdPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9+=,.@_-]{1,64}$")]
    private static partial Regex RoleNamePattern();
}
