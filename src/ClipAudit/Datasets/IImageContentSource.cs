namespace ClipAudit.Datasets;

/// <summary>
/// Where the bytes of an image come from when it is not a file of its own (a row of a Parquet shard): the sample's
/// <see cref="Sample.ImagePath"/> is then a locator that only this source reads, and nothing is extracted to disk.
/// </summary>
internal interface IImageContentSource
{
    /// <summary>
    /// The encoded image (PNG, JPEG, ...) of the sample whose <see cref="Sample.ImagePath"/> is <paramref name="locator"/>.
    /// Throws <see cref="IOException"/> when the bytes cannot be read (a damaged shard, a null cell); the caller records a skip.
    /// </summary>
    byte[] Read(string locator);
}
