using System.CommandLine;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>
/// One option per archiver setting, defaulting to what the function does. The values go through the function's own
/// <see cref="ArchiverOptionsReader"/>, so the CLI accepts exactly what the function would accept from its environment.
/// </summary>
internal sealed class ArchiverSettingOptions
{
    private readonly (Option<string?> Option, string Setting)[] _settings =
    [
        (Create("--active-refresh-minutes", "minutes",
            "An active session's counters are rewritten by the first poll at least this many minutes after its last write "
            + "(with 5-minute polls a few seconds apart, that can be one poll later than the minutes suggest); "
            + $"0 writes on every poll (default {ArchiverOptions.DefaultActiveRefreshMinutes})"),
            ArchiverSettingNames.ActiveRefreshMinutes),
        (Create("--max-concurrency", "n", $"Endpoints archived at once (default {ArchiverOptions.DefaultMaxConcurrency})"),
            ArchiverSettingNames.MaxConcurrency),
        (Create("--retention-days", "days", "Set ExpiresAt this many days after a session's end; 0 keeps sessions forever (default 0)"),
            ArchiverSettingNames.RetentionDays),
        (Create("--time-budget-seconds", "seconds",
            $"Start no new page after this long (default {ArchiverOptions.DefaultTimeBudgetSeconds})"),
            ArchiverSettingNames.TimeBudgetSeconds),
        (Create("--endpoint-ids", "ids", "Comma-separated cvpn-endpoint-... IDs to poll (default: every endpoint DescribeClientVpnEndpoints lists)"),
            ArchiverSettingNames.EndpointIds),
        (Create("--account", "id", $"The AWS account the endpoints live in, recorded on every session (default {Target.Local.AccountId}; "
            + "a replayed file's own AccountId wins)"), ArchiverSettingNames.AccountId),
        (Create("--region", "region", $"The AWS region the endpoints live in, recorded on every session (default {Target.Local.Region}; "
            + "a replayed file's own Region wins)"), ArchiverSettingNames.Region),
    ];

    private readonly Option<bool> _verbose = new("--verbose")
    {
        Description = "Write the archiver's JSON log lines to stderr",
    };

    public Option<bool> Verbose => _verbose;

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _settings)
        {
            command.Options.Add(option);
        }

        command.Options.Add(_verbose);
    }

    /// <exception cref="CliInputException">A value the function would refuse; the message names the option.</exception>
    public ArchiverOptions Read(ParseResult parsed, string tableName, string? endpointTableName)
    {
        var values = _settings.ToDictionary(setting => setting.Setting, setting => parsed.GetValue(setting.Option));
        values[ArchiverSettingNames.TableName] = tableName;
        values[ArchiverSettingNames.EndpointTableName] = endpointTableName;
        try
        {
            return ArchiverOptionsReader.Read(name => values.GetValueOrDefault(name));
        }
        catch (ArchiverConfigurationException exception)
        {
            var message = _settings.Aggregate(exception.Message, (text, setting) => text.Replace(setting.Setting, setting.Option.Name, StringComparison.Ordinal));
            throw new CliInputException(message, exception);
        }
    }

    private static Option<string?> Create(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };
}
