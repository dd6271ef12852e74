using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Tests.Support;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class AtomicFileTests : IDisposable
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

    [Fact]
    public async Task Write_WithoutOverwrite_OfAnExistingFile_IsRefused_AndLeavesItAndNoTemporaryFile()
    {
        var file = _folder.File("2026-03-02T091503Z.json");
        await File.WriteAllTextAsync(file, "old");

        var refused = await Assert.ThrowsAsync<CliInputException>(() =>
            AtomicFile.WriteAsync(file, writer => writer.WriteAsync("new"), CancellationToken.None, overwrite: false));

        Assert.Equal($"--out: {file} already exists; not overwritten", refused.Message);
        Assert.Equal("old", await File.ReadAllTextAsync(file));
        Assert.Equal(["2026-03-02T091503Z.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_WithoutOverwrite_OfANewFile_WritesIt()
    {
        var file = _folder.File("new.json");

        await AtomicFile.WriteAsync(file, writer => writer.WriteAsync("new"), CancellationToken.None, overwrite: false);

        Assert.Equal("new", await File.ReadAllTextAsync(file));
        Assert.Equal(["new.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    public void Dispose() => _folder.Dispose();
}
