using System.CommandLine;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>--port: a TCP port on 127.0.0.1, 0 meaning any free port.</summary>
internal static class PortOption
{
    public static Option<int> Create(string description, int fallback)
    {
        var option = new Option<int>("--port") { Description = description, HelpName = "n", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError($"--port: {result.GetValueOrDefault<int>()} is not a port (0 to 65535)");
            }
        });
        return option;
    }
}
