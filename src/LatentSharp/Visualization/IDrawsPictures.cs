using LatentSharp.Models;
using LatentSharp.Training;

namespace LatentSharp.Visualization;

/// <summary>
/// A model family with pictures of its own beyond those its capabilities give every model
/// (see <see cref="RunPictures"/>): k-means centroids, a SOM's U-matrix, dictionary atoms. The family
/// declares them here, so no caller needs to know the model's type.
/// </summary>
public interface IDrawsPictures : IModel
{
    /// <summary>
    /// Draws the family's pictures into <see cref="PictureContext.Directory"/> and returns the files
    /// written (names inside that folder, with a description each). A file of the same name as a
    /// default picture replaces it (the default is then not drawn).
    /// </summary>
    IReadOnlyList<RunFile> DrawPictures(PictureContext context);
}
