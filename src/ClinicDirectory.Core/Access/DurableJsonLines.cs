using System.Text;
using System.Text.Json;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Core.Access;

/// <summary>
/// An append-only file of JSON lines, flushed to disk before an append returns. A line cut short by a
/// crash is ignored on reading, so the file needs no repair.
/// </summary>
public sealed class DurableJsonLines<T> : IDisposable
{
    private readonly FileStream _stream;

    public DurableJsonLines(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
    }

    /// <summary>Every complete record in the file, in order.</summary>
    public List<T> ReadAll()
    {
        var records = new List<T>();
        _stream.Position = 0;
        using var reader = new StreamReader(_stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        long goodLength = 0;
        long position = 0;
        while (reader.ReadLine() is { } line)
        {
            position += Encoding.UTF8.GetByteCount(line) + 1;
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize<T>(line, DirectoryJson.Options) is { } record)
                {
                    records.Add(record);
                    goodLength = Math.Min(position, _stream.Length);
                }
            }
            catch (JsonException)
            {
                // A torn last line from a crash: everything after the last good record is dropped.
                break;
            }
        }
        _stream.SetLength(goodLength);
        _stream.Position = goodLength;
        if (goodLength > 0)
        {
            // Make sure the file ends with a newline so the next append starts a line.
            _stream.Position = goodLength - 1;
            if (_stream.ReadByte() != '\n') _stream.WriteByte((byte)'\n');
            _stream.Position = _stream.Length;
        }
        return records;
    }

    public void Append(T record)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, DirectoryJson.Options);
        _stream.Position = _stream.Length;
        _stream.Write(bytes);
        _stream.WriteByte((byte)'\n');
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}
