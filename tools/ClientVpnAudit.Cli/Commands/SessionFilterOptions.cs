using System.CommandLine;
using System.CommandLine.Parsing;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>The filters of `sessions` and `export`: --endpoint, --user, --account, --region, --since, --until, --at, --active.</summary>
internal sealed class SessionFilterOptions
{
    private readonly Option<string?> _endpoint = new("--endpoint")
    {
        Description = "Only this Client VPN endpoint (cvpn-endpoint-...); queries the ByEndpoint index",
        HelpName = "id",
    };

    private readonly Option<string?> _user = new("--user")
    {
        Description = "Only this Identity (the Username, else the certificate's CommonName), exactly; queries the ByIdentity index",
        HelpName = "name",
    };

    private readonly Option<string?> _account = new("--account")
    {
        Description = "Only sessions of this AWS account (12 digits); filters what the other options read",
        HelpName = "id",
    };

    private readonly Option<string?> _region = new("--region")
    {
        Description = "Only sessions of this AWS region (e.g. eu-west-1); filters what the other options read",
        HelpName = "region",
    };

    private readonly Option<DateTimeOffset?> _since = Time("--since",
        "Only sessions connected at or after this time: ended then or later, or not ended (a lost session counts until its "
        + "MissingSince; no session lasts over 24 h). Without --endpoint or --user, one Query of the ByEstablishedDay index per "
        + "day from 24 h before it, never a Scan. ISO-8601, UTC unless a zone is given; a date alone is midnight UTC");

    private readonly Option<DateTimeOffset?> _until = Time("--until",
        "Only sessions connected at or before this time: established then or earlier. ISO-8601, UTC unless a zone is given; "
        + "a date alone is midnight UTC");

    private readonly Option<DateTimeOffset?> _at = Time("--at",
        "Only sessions connected at this instant: the short form of --since T --until T");

    private readonly Option<bool> _active = new("--active")
    {
        Description = "Only sessions not ended (Status is not terminated); reads the sparse ActiveByEndpoint index (a Query with "
            + "--endpoint, else a Scan of that index, which holds only the sessions not ended)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_endpoint);
        command.Options.Add(_user);
        command.Options.Add(_account);
        command.Options.Add(_region);
        command.Options.Add(_since);
        command.Options.Add(_until);
        command.Options.Add(_at);
        command.Options.Add(_active);
    }

    public SessionFilter Read(ParseResult parsed)
    {
        var at = parsed.GetValue(_at);
        if (at is not null && (parsed.GetResult(_since) is not null || parsed.GetResult(_until) is not null))
        {
            throw new CliInputException("--at T is the short form of --since T --until T: give --at, or --since/--until, not both");
        }

        var filter = new SessionFilter
        {
            EndpointId = NonEmpty(parsed.GetValue(_endpoint), _endpoint.Name),
            Identity = NonEmpty(parsed.GetValue(_user), _user.Name),
            AccountId = Checked(parsed.GetValue(_account), _account.Name, ArchiverOptionsReader.ReadAccountId),
            Region = Checked(parsed.GetValue(_region), _region.Name, ArchiverOptionsReader.ReadRegion),
            Since = at ?? parsed.GetValue(_since),
            Until = at ?? parsed.GetValue(_until),
            ActiveOnly = parsed.GetValue(_active),
        };
        if (filter.Since > filter.Until)
        {
            throw new CliInputException(
                $"--since {parsed.GetResult(_since)?.Tokens[0].Value} is after --until {parsed.GetResult(_until)?.Tokens[0].Value}");
        }

        return filter;
    }

    /// <summary>A value checked by the archiver's own rule for it (one pattern for account IDs and regions).</summary>
    private static string? Checked(string? value, string option, Func<string?, string> read)
    {
        if (NonEmpty(value, option) is not { } text)
        {
            return null;
        }

        try
        {
            return read(text);
        }
        catch (ArchiverConfigurationException refused)
        {
            throw new CliInputException($"{option} must be {refused.Expectation}, got '{text}'", refused);
        }
    }

    private static string? NonEmpty(string? value, string option) =>
        value is null ? null
        : string.IsNullOrWhiteSpace(value) ? throw new CliInputException($"{option}: the value is empty")
        : value.Trim();

    private static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "time",
        CustomParser = result => Parse(result, name),
    };

    private static DateTimeOffset? Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TimeArgument.TryParse(text, out var time))
        {
            return time;
        }

        result.AddError($"{name}: '{text}' is not an ISO-8601 time (e.g. {TimeArgument.Examples})");
        return null;
    }
}
