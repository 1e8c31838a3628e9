using NetVips;

namespace Atelier.Imaging.Tests;

/// <summary>Images made for the tests with libvips itself, and ways to look at outputs.</summary>
internal static class Images
{
    public static string Corpus(string folder) => Path.Combine(AppContext.BaseDirectory, "Corpora", folder);

    /// <summary>A photo-like JPEG: a gradient with a bright block in the top-left corner, so orientation shows.</summary>
    public static string Jpeg(string folder, string name, int width, int height)
    {
        using var image = Picture(width, height);
        var path = Path.Combine(folder, name);
        image.Jpegsave(path, q: 90);
        return path;
    }

    public static string Png(string folder, string name, int width, int height, bool alpha = false)
    {
        using var picture = Picture(width, height);
        using var transparent = Image.Black(width, height).Cast(Enums.BandFormat.Uchar);
        using var image = alpha ? picture.Bandjoin(transparent) : picture.Copy();
        var path = Path.Combine(folder, name);
        image.Pngsave(path);
        return path;
    }

    public static Image Picture(int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var gradient = (x[0] * (255.0 / width)).Cast(Enums.BandFormat.Uchar);
        using var rgb = gradient.Bandjoin(gradient, gradient);
        using var marker = (Image.Black(width / 4, height / 4) + 255).Cast(Enums.BandFormat.Uchar);
        using var markerRgb = marker.Bandjoin(Image.Black(width / 4, height / 4), Image.Black(width / 4, height / 4)).Cast(Enums.BandFormat.Uchar);
        return rgb.Insert(markerRgb, 0, 0).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static (int Width, int Height, int Bands, string Interpretation, int Pages) Describe(string path)
    {
        using var image = Image.NewFromFile(path);
        var pages = image.Contains("n-pages") ? (int)image.Get("n-pages") : 1;
        return (image.Width, image.Contains("page-height") ? (int)image.Get("page-height") : image.Height, image.Bands, image.Interpretation.ToString(), pages);
    }

    /// <summary>The mean absolute difference between two images of the same size, per band value (0 to 255).</summary>
    public static double Difference(string a, string b)
    {
        using var left = Image.NewFromFile(a);
        using var right = Image.NewFromFile(b);
        using var delta = (left - right).Abs();
        return delta.Avg();
    }
}
