using System.Buffers;
using System.Security.Cryptography;
using ClipAudit.Imaging;

namespace ClipAudit.Embeddings;

/// <summary>What one read of an image file tells before decoding: its content hash (the cache key) and its EXIF orientation.</summary>
internal readonly record struct ImageFileFacts(string Hash, int Orientation)
{
    /// <summary>The same facts for an image held in memory: equal bytes give the hash a file of them would have.</summary>
    public static ImageFileFacts Of(byte[] content)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, ExifOrientation.HeadLength));
        return new ImageFileFacts(Convert.ToHexStringLower(SHA256.HashData(content)), ExifOrientation.Read(head));
    }

    /// <summary>Reads the file once: the head is parsed for EXIF and hashed with the rest (the hash equals <see cref="ContentHash.OfFile"/>).</summary>
    public static ImageFileFacts Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(ExifOrientation.HeadLength);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = stream.ReadAtLeast(buffer.AsSpan(0, ExifOrientation.HeadLength), ExifOrientation.HeadLength, throwOnEndOfStream: false);
            var orientation = ExifOrientation.Read(buffer.AsSpan(0, head));
            hash.AppendData(buffer, 0, head);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return new ImageFileFacts(Convert.ToHexStringLower(hash.GetHashAndReset()), orientation);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
