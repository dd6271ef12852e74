using System.CommandLine;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`emulator SNAPSHOT`: serve a snapshot as the EC2 API on 127.0.0.1 until Ctrl-C.</summary>
internal static class EmulatorCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("snapshot")
        {
            Description = "A snapshot: aws ec2 describe-client-vpn-connections output, optionally with a ClientVpnEndpoints array",
        };
        var port = PortOption.Create("Port on 127.0.0.1 (default: a free port)", fallback: 0);

        var command = new Command("emulator", "Serve a snapshot as the EC2 Client VPN API on 127.0.0.1 until Ctrl-C");
        command.Arguments.Add(file);
        command.Options.Add(port);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            var snapshot = SnapshotLoader.Load(path);
            var chosenPort = parsed.GetValue(port);
            Ec2Emulator emulator;
            try
            {
                emulator = await Ec2Emulator.StartAsync(snapshot, chosenPort, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new CliInputException($"--port {chosenPort}: cannot listen: {exception.Message}", exception);
            }

            await using (emulator)
            {
                var example = snapshot.Endpoints.FirstOrDefault()?.ClientVpnEndpointId ?? "cvpn-endpoint-...";
                await Serving.AnnounceAndWaitAsync(io,
                    $"{path} ({snapshot.Connections.Count} connections, {snapshot.Endpoints.Count} endpoints) as EC2", emulator.Url,
                    $"aws ec2 describe-client-vpn-connections --endpoint-url {emulator.Url} --client-vpn-endpoint-id {example}", cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
