package dev.macula.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.macula.projection.common.InlineReadModel;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every processing group of the projections is declared in exactly one place: an inline read model
 * by {@code @InlineReadModel} on its projection, a pooled one (search indexes, thumbnails) by its
 * settings in application.yml. A group that is neither would silently get Axon's default processor:
 * not in the command's transaction, its errors only logged, and left out of the read-model rebuild.
 */
class ProcessingGroupsTest {

    private static final Pattern PROCESSOR_MODE = Pattern.compile("axon\\.eventhandling\\.processors\\.([^.]+)\\.mode");

    private static final JavaClasses MACULA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.macula");

    private static final List<JavaClass> PROJECTIONS = MACULA.stream()
            .filter(type -> type.isAnnotatedWith(ProcessingGroup.class))
            .toList();

    /** The processors application.yml configures, with their mode. */
    private static Map<String, String> configuredModes() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        Map<String, String> modes = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> {
            Matcher matcher = PROCESSOR_MODE.matcher(key);
            if (matcher.matches()) {
                modes.put(matcher.group(1), properties.getProperty(key));
            }
        });
        return modes;
    }

    private static String group(JavaClass projection) {
        return projection.getAnnotationOfType(ProcessingGroup.class).value();
    }

    @Test
    void everyProcessingGroupIsAnInlineReadModelOrAPooledGroupOfApplicationYml() {
        Map<String, String> configured = configuredModes();
        List<String> undeclared = PROJECTIONS.stream()
                .filter(projection -> !projection.isAnnotatedWith(InlineReadModel.class))
                .filter(projection -> !"pooled".equals(configured.get(group(projection))))
                .map(projection -> projection.getSimpleName() + " (" + group(projection) + ")")
                .toList();

        assertThat(PROJECTIONS).isNotEmpty();
        assertThat(undeclared).as("projections neither @InlineReadModel nor pooled in application.yml").isEmpty();
    }

    @Test
    void applicationYmlConfiguresOnlyThePooledGroupsOfExistingProjections() {
        Set<String> pooled = PROJECTIONS.stream().filter(projection -> !projection.isAnnotatedWith(InlineReadModel.class))
                .map(ProcessingGroupsTest::group).collect(Collectors.toSet());
        Map<String, String> configured = configuredModes();

        assertThat(configured.keySet()).as("configured processors").containsExactlyInAnyOrderElementsOf(pooled);
        assertThat(Set.copyOf(configured.values())).containsExactly("pooled");
    }

    @Test
    void inlineReadModelsAreProjectionsThatNameTheirTables() {
        MACULA.stream()
                .filter(type -> type.isAnnotatedWith(InlineReadModel.class))
                .forEach(type -> {
                    assertThat(type.isAnnotatedWith(ProcessingGroup.class)).as(type.getName()).isTrue();
                    assertThat(type.getPackageName()).startsWith("dev.macula.projection.");
                    assertThat(type.getAnnotationOfType(InlineReadModel.class).tables()).as(type.getName()).isNotEmpty();
                });
    }
}
