package dev.macula.command.tagging;

import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.tagging.TagType;
import dev.macula.command.timetravel.RestoreSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The restorers of the objects whose only revertable state is their tag set. */
@Configuration
class TagSetRestorers {

    @Bean
    ObjectTagSetRestorer instanceTagsRestorer(RestoreSupport support, TagSetRestorer tags) {
        return new ObjectTagSetRestorer(support, tags, TagType.ImageInstance, InstanceId.TYPE, "ImageInstance");
    }

    @Bean
    ObjectTagSetRestorer studyTagsRestorer(RestoreSupport support, TagSetRestorer tags) {
        return new ObjectTagSetRestorer(support, tags, TagType.Study, StudyId.TYPE, "Study");
    }
}
