using System.CommandLine;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>
/// `emulator SNAPSHOT`: serve a snapshot as the EC2 API on 127.0.0.1 until Ctrl-C. A file of one target is served to
/// any credentials; a file of several serves each target to the access key id of its account, signing for its region.
/// </summary>
internal static class EmulatorCommand
{
    private const string IamPrefix = "ec2:";

    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("snapshot")
        {
            Description = "A snapshot: aws ec2 describe-client-vpn-connections output, optionally with a ClientVpnEndpoints array, "
                + "or a Targets array of several accounts and regions",
        };
        var port = PortOption.Create("Port on 127.0.0.1 (default: a free port)", fallback: 0);
        var deny = new Option<string[]>("--deny")
        {
            Description = $"Answer UnauthorizedOperation (403) to this action, DryRun included, as EC2 does when IAM does not allow it: "
                + $"{string.Join(" or ", Ec2Emulator.Actions)} (repeatable)",
            HelpName = "action",
        };

        var command = new Command("emulator", "Serve a snapshot as the EC2 Client VPN API on 127.0.0.1 until Ctrl-C");
        command.Arguments.Add(file);
        command.Options.Add(port);
        command.Options.Add(deny);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            var denied = ReadDenied(parsed.GetValue(deny) ?? []);
            var poll = SnapshotLoader.LoadPoll(path);
            var chosenPort = parsed.GetValue(port);
            Ec2Emulator emulator;
            try
            {
                emulator = await Ec2Emulator.StartAsync(poll, chosenPort, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new CliInputException($"--port {chosenPort}: cannot listen: {exception.Message}", exception);
            }

            await using (emulator)
            {
                foreach (var action in denied)
                {
                    emulator.Faults.Deny(action);
                }

                var first = poll.Targets[0];
                var example = first.Endpoints.FirstOrDefault()?.ClientVpnEndpointId ?? "cvpn-endpoint-...";
                var connections = poll.Targets.Sum(target => target.Connections.Count);
                var endpoints = poll.Targets.Sum(target => target.Endpoints.Count);
                var held = poll.IsSingleTarget ? "" : $"{poll.Targets.Count} targets: {string.Join(", ", poll.Targets.Select(target => target.TargetName))}; ";
                await Serving.AnnounceAndWaitAsync(io,
                    $"{path} ({held}{connections} connections, {endpoints} endpoints) as EC2"
                    + (denied.Count > 0 ? $", denying {string.Join(" and ", denied)}," : ""), emulator.Url,
                    (poll.IsSingleTarget ? "" : $"AWS_ACCESS_KEY_ID={first.AccountId} AWS_SECRET_ACCESS_KEY=any AWS_DEFAULT_REGION={first.Region} ")
                    + $"aws ec2 describe-client-vpn-connections --endpoint-url {emulator.Url} --client-vpn-endpoint-id {example}",
                    cancellationToken,
                    poll.IsSingleTarget
                        ? Serving.AnyCredentials
                        : "(each target answers the access key id of its account, any secret, signing for its region; "
                            + "another account is AuthFailure, another region of one of its accounts has no endpoint)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The actions to deny, by their API name; the IAM form (ec2:DescribeClientVpnConnections) is accepted too.</summary>
    private static IReadOnlyList<string> ReadDenied(IEnumerable<string> values) =>
        values.Select(value =>
        {
            var action = value.StartsWith(IamPrefix, StringComparison.Ordinal) ? value[IamPrefix.Length..] : value;
            return Ec2Emulator.Actions.Contains(action, StringComparer.Ordinal)
                ? action
                : throw new CliInputException($"--deny: '{value}' is not an action the emulator serves ({string.Join(" or ", Ec2Emulator.Actions)})");
        }).Distinct(StringComparer.Ordinal).ToList();
}
