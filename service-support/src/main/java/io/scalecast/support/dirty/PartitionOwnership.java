package io.scalecast.support.dirty;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Which partitions of {@code scalecast.observations} this instance owns. A family's records all land on one
 * partition (keyed lab/family), so an instance refits only the families of its partitions and no family is fitted by
 * two instances of a service. Present in the services that set the build property
 * {@code scalecast.partitions.owned=true} and name it as their observations channel's rebalance listener.
 */
@IfBuildProperty(name = PartitionOwnership.ENABLED, stringValue = "true")
@ApplicationScoped
@Default
@Identifier(PartitionOwnership.NAME)
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    /** The listener's name in the channel configuration. */
    public static final String NAME = "observations-ownership";

    /** The build property that enables it. */
    public static final String ENABLED = "scalecast.partitions.owned";

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.add(p.partition()));
        LOG.infof("observations partitions assigned: %s, owned now %s", partitions, owned);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.remove(p.partition()));
        LOG.infof("observations partitions revoked: %s, owned now %s", partitions, owned);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** The partitions owned now. */
    public Set<Integer> owned() {
        return Set.copyOf(owned);
    }
}
