using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Tests.Support;

namespace ClientVpnAudit.Cli.Tests.Unit;

public class AtomicFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Write_ThatFailsHalfWay_LeavesTheOldFileAndNoTemporaryFile()
    {
        var file = _folder.File("audit.json");
        await File.WriteAllTextAsync(file, "old");

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(file, async writer =>
        {
            await writer.WriteAsync(new string('x', 100_000));
            throw new IOException("disk full");
        }, CancellationToken.None));

        Assert.Equal("old", await File.ReadAllTextAsync(file));
        Assert.Equal(["audit.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_IntoAFolderPath_IsRefusedBeforeWriting() =>
        await Assert.ThrowsAsync<CliInputException>(() => AtomicFile.WriteAsync(_folder.Path, _ => Task.CompletedTask, CancellationToken.None));

    public void Dispose() => _folder.Dispose();
}
