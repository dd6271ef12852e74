using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Capture;

/// <summary>
/// What `capture` is asked to capture: one target (the client's account and region, today's capture) or several
/// (--targets ACCOUNT:REGION,...), each checked by the archiver's own rules for an account and a region.
/// </summary>
internal static class CaptureTargets
{
    /// <summary>--targets: comma-separated ACCOUNT:REGION, at least one, no two alike.</summary>
    /// <exception cref="CliInputException">The message names --targets and the entry at fault.</exception>
    public static IReadOnlyList<Target> Parse(string value)
    {
        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            throw new CliInputException("--targets must be comma-separated ACCOUNT:REGION pairs such as 111111111111:eu-west-1");
        }

        var targets = new List<Target>();
        foreach (var entry in entries)
        {
            var parts = entry.Split(':');
            if (parts.Length != 2)
            {
                throw new CliInputException($"--targets: '{entry}' is not ACCOUNT:REGION, such as 111111111111:eu-west-1");
            }

            var target = new Target(Account(parts[0], $"--targets: '{entry}': the account"), Region(parts[1], $"--targets: '{entry}': the region"));
            if (targets.Contains(target))
            {
                throw new CliInputException($"--targets names {target} twice");
            }

            targets.Add(target);
        }

        return targets;
    }

    /// <summary>--account: null when not given (the file then names no account).</summary>
    public static string? ReadAccount(string? value) => value is null ? null : Account(value, "--account");

    /// <summary>--region: null when not given (the client's own region is used and written).</summary>
    public static string? ReadRegion(string? value) => value is null ? null : Region(value, "--region");

    /// <summary>
    /// With --aws, only the accounts the credentials are in can be reached: another one needs a role in it to assume.
    /// </summary>
    /// <exception cref="CliInputException">A target in another account.</exception>
    public static void RefuseOtherAccounts(IEnumerable<string> accounts, string callerAccount, string option)
    {
        if (accounts.FirstOrDefault(account => account != callerAccount) is { } other)
        {
            throw new CliInputException($"{option}: {other} is not the account of these credentials ({callerAccount}): capturing "
                + "another account needs the member role it will hold, which comes with the organisation deployment");
        }
    }

    private static string Account(string value, string culprit) => Read(() => ArchiverOptionsReader.ReadAccountId(Required(value, culprit)), value, culprit);

    private static string Region(string value, string culprit) => Read(() => ArchiverOptionsReader.ReadRegion(Required(value, culprit)), value, culprit);

    private static string Required(string value, string culprit) =>
        string.IsNullOrWhiteSpace(value) ? throw new CliInputException($"{culprit} is empty") : value;

    private static string Read(Func<string> read, string value, string culprit)
    {
        try
        {
            return read();
        }
        catch (ArchiverConfigurationException refused)
        {
            throw new CliInputException($"{culprit} must be {refused.Expectation}, got '{value}'", refused);
        }
    }
}
