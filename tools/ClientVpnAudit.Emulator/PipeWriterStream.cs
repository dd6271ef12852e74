using System.IO.Pipelines;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// A write-only stream that copies into a <see cref="PipeWriter"/>'s buffer without flushing, so a synchronous
/// XmlWriter can fill the response while the caller flushes the pipe asynchronously between items.
/// </summary>
internal sealed class PipeWriterStream(PipeWriter pipe) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var span = pipe.GetSpan();
            var n = Math.Min(span.Length, buffer.Length);
            buffer[..n].CopyTo(span);
            pipe.Advance(n);
            buffer = buffer[n..];
        }
    }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
