using System.CommandLine;
using ClientVpnAudit.Cli.Output;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>An option naming a <see cref="SessionFormat"/> (--output, --format), refusing any other value in one line.</summary>
internal static class OutputFormatOption
{
    /// <param name="fallback">The format when the option is absent; null makes the option required.</param>
    public static Option<SessionFormat?> Create(string name, SessionFormat[] allowed, SessionFormat? fallback, string description)
    {
        var names = allowed.Select(Name).ToArray();
        return new Option<SessionFormat?>(name)
        {
            Description = $"{description}: {string.Join(", ", names)}" + (fallback is { } value ? $" (default: {Name(value)})" : ""),
            HelpName = string.Join("|", names),
            Required = fallback is null,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                var match = allowed.Where(format => string.Equals(Name(format), text, StringComparison.OrdinalIgnoreCase)).ToArray();
                if (match.Length == 1)
                {
                    return match[0];
                }

                result.AddError($"{name}: '{text}' is not one of {string.Join(", ", names)}");
                return null;
            },
        };
    }

    public static string Name(SessionFormat format) => format.ToString().ToLowerInvariant();
}
