namespace ClinicDirectory.Core.Geo;

/// <summary>
/// An order of places along a Z-order curve: places near each other mostly get near keys, so listings added
/// in this order sit together in a search index and a search around a place reads memory that is close together.
/// </summary>
public static class PlaceOrder
{
    public static ulong Key(double latitude, double longitude)
    {
        var y = (uint)Math.Clamp((latitude + 90) / 180 * uint.MaxValue, 0, uint.MaxValue);
        var x = (uint)Math.Clamp((longitude + 180) / 360 * uint.MaxValue, 0, uint.MaxValue);
        return Spread(y >> 16) << 1 | Spread(x >> 16);
    }

    /// <summary>The 16 bits of v at the even bit positions of the result.</summary>
    private static ulong Spread(uint v)
    {
        ulong x = v;
        x = (x | x << 16) & 0x0000FFFF0000FFFFUL;
        x = (x | x << 8) & 0x00FF00FF00FF00FFUL;
        x = (x | x << 4) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | x << 2) & 0x3333333333333333UL;
        x = (x | x << 1) & 0x5555555555555555UL;
        return x;
    }
}
