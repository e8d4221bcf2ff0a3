namespace ClipAudit.Imaging;

/// <summary>
/// PIL's colours for a palette TIFF: the high byte of each 16-bit ColorMap entry (TiffImagePlugin: b // 256).
/// ImageSharp scales the entry instead (v·255/65535, rounded), one level lower for most entries PIL writes (v·256).
/// ImageSharp does not expose the indices, so its colours are mapped back to the entry they came from.
/// </summary>
internal sealed class TiffPalette(ushort[] colorMap)
{
    /// <summary>Replaces every decoded colour (3 channels) that is ImageSharp's rendering of exactly one entry by PIL's.</summary>
    public void ApplyTo(PixelBuffer rgb)
    {
        var entries = colorMap.Length / 3;
        var map = new Dictionary<int, int>();
        var ambiguous = new HashSet<int>();
        for (var i = 0; i < entries; i++)
        {
            var scaled = Pack(Scale(colorMap[i]), Scale(colorMap[entries + i]), Scale(colorMap[(2 * entries) + i]));
            var pil = Pack(colorMap[i] >> 8, colorMap[entries + i] >> 8, colorMap[(2 * entries) + i] >> 8);
            if (map.TryGetValue(scaled, out var existing) && existing != pil)
            {
                ambiguous.Add(scaled);
            }

            map[scaled] = pil;
        }

        var data = rgb.Data;
        for (var o = 0; o < rgb.Width * rgb.Height * 3; o += 3)
        {
            var key = Pack(data[o], data[o + 1], data[o + 2]);
            if (map.TryGetValue(key, out var pil) && !ambiguous.Contains(key))
            {
                data[o] = (byte)(pil >> 16);
                data[o + 1] = (byte)(pil >> 8);
                data[o + 2] = (byte)pil;
            }
        }
    }

    private static int Scale(int value) => (int)Math.Floor((value * 255.0 / 65535.0) + 0.5);

    private static int Pack(int r, int g, int b) => (r << 16) | (g << 8) | b;
}
