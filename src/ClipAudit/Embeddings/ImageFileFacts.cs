using System.Buffers;
using System.Security.Cryptography;
using ClipAudit.Imaging;

namespace ClipAudit.Embeddings;

/// <summary>What one read of an image file tells before decoding: its content hash (the cache key) and its EXIF orientation.</summary>
internal readonly record struct ImageFileFacts(string Hash, int Orientation)
{
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
