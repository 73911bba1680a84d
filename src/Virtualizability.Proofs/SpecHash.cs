using System.Security.Cryptography;
using System.Text;
using Virtualizability.Isa.Ir;
using Virtualizability.Isa;

namespace Virtualizability.Proofs;

/// <summary>
/// The content hash recorded with the obligations: SHA-256 of the printed IR, which covers every included file and
/// ignores comments and layout, so a proof goes stale exactly when the semantics it speaks of change.
/// </summary>
public static class SpecHash
{
    public static string Of(IsaModel model) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(IrPrinter.Print(model))));
}
