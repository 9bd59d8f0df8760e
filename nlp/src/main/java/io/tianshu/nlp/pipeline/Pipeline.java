package io.tianshu.nlp.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An ordered chain of {@link Stage}s whose needs were checked when it was built. Immutable and
 * thread-safe when its stages are.
 */
public final class Pipeline {

  private final List<Stage> stages;

  private Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Starts an empty pipeline. */
  public static Builder builder() {
    return new Builder();
  }

  /** The stages, in run order. */
  public List<Stage> stages() {
    return stages;
  }

  /** Annotates {@code text} with every stage in order. */
  public AnnotatedDocument run(String text) {
    return run(AnnotatedDocument.of(text));
  }

  /** Runs every stage on {@code document}. */
  public AnnotatedDocument run(AnnotatedDocument document) {
    AnnotatedDocument current = document;
    for (Stage stage : stages) {
      current = stage.apply(current);
      for (Layer<?> layer : stage.produces()) {
        if (!current.has(layer)) {
          throw new PipelineException(
              PipelineException.BROKEN_PROMISE,
              "stage '" + stage.name() + "' declared layer '" + layer + "' but did not produce it");
        }
      }
    }
    return current;
  }

  /** Collects stages and checks, stage by stage, that every need is produced earlier. */
  public static final class Builder {
    private final List<Stage> stages = new ArrayList<>();

    private Builder() {}

    /** Appends {@code stage}; needs are checked in {@link #build()}. */
    public Builder add(Stage stage) {
      stages.add(Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @throws PipelineException naming the first stage whose need no earlier stage produces
     */
    public Pipeline build() {
      Set<Layer<?>> available = new HashSet<>();
      for (Stage stage : stages) {
        for (Layer<?> need : stage.needs()) {
          if (!available.contains(need)) {
            throw new PipelineException(
                PipelineException.UNMET_NEED,
                "stage '"
                    + stage.name()
                    + "' needs layer '"
                    + need
                    + "' but no earlier stage produces it (available: "
                    + available.stream().map(Layer::name).sorted().toList()
                    + ")");
          }
        }
        available.addAll(stage.produces());
      }
      return new Pipeline(stages);
    }
  }
}
