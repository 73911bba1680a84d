using Virtualizability.Isa.Ir;
using Virtualizability.Smt.Terms;

namespace Virtualizability.Proofs.Lemmas;

/// <summary>
/// A fact about an allocator's arithmetic that many obligations need (an access the real resources allow lies in the
/// VM's RAM, …): a quantifier-free formula whose free variables are <see cref="Variables"/>, read as universally
/// quantified. The prover proves it once, in its own obligation file (its negation unsat), and asserts instances of it
/// (<see cref="LemmaInstance"/>) in the obligations whose formulas contain the instance's terms, so that the solver
/// gets as clauses what it would otherwise rediscover bit by bit in every obligation. An instance of a valid formula is
/// valid, so asserting it changes no verdict; an obligation proved with the instances of a lemma that is not proved is
/// reported as unknown (<see cref="VmmProver"/>).
/// </summary>
public sealed record AllocatorLemma
{
    public AllocatorLemma(string name, string statement, IReadOnlyList<Term> variables, Term formula)
    {
        if (!formula.Sort.IsBool) throw new ArgumentException($"lemma {name} is not a formula: {formula.Sort}");
        var free = TermTraversal.FreeVariables([formula]).ToHashSet();
        if (variables.Any(v => v.Kind != TermKind.Var) || !free.IsSubsetOf(variables))
            throw new ArgumentException($"lemma {name}: its free variables must be among the declared variables");
        Name = name;
        Statement = statement;
        Variables = variables;
        Formula = formula;
    }

    /// <summary>A file-name-safe name (the lemma's file is <c>lemma.NAME.smt2</c>).</summary>
    public string Name { get; }

    /// <summary>The lemma in words (the file's header, the manifest).</summary>
    public string Statement { get; }

    public IReadOnlyList<Term> Variables { get; }

    public Term Formula { get; }

    public string FileName => $"lemma.{InstructionFiles.Bounded(Name, 200)}.smt2";

    /// <summary>
    /// What the lemma assumes about its variables beyond the formula's own hypotheses, over them and over hidden
    /// variables that no instance names (none by default). An abstraction lemma uses this: some of its variables stand
    /// for terms of the allocator's definition (the MIPS real TLB words are the shadow of a hidden choice), the
    /// assumptions say so, and an instance asserts the formula of the obligation's abstraction variables. The lemma
    /// file asserts the assumptions with the negated formula; the allocator model is responsible for every abstraction
    /// variable of an obligation being, in the concrete obligation, the term the assumptions define it as.
    /// </summary>
    public IReadOnlyList<Term> Assumptions { get; init; } = [];
}

/// <summary>A lemma with its variables replaced by terms of an obligation, in order (same sorts).</summary>
public sealed record LemmaInstance
{
    public LemmaInstance(AllocatorLemma lemma, IReadOnlyList<Term> values)
    {
        if (values.Count != lemma.Variables.Count || values.Zip(lemma.Variables).Any(p => p.First.Sort != p.Second.Sort))
            throw new ArgumentException($"an instance of lemma {lemma.Name} needs {lemma.Variables.Count} values of its variables' sorts");
        Lemma = lemma;
        Values = values;
    }

    public AllocatorLemma Lemma { get; }

    public IReadOnlyList<Term> Values { get; }
}
