package dev.macula.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take a {@link JsonBody} parameter. The raw bytes are read whatever the
 * Content-Type (scripts that forget {@code application/json} still work, as with the original),
 * then parsed with the contract's lax rules.
 */
class JsonBodyArgumentResolver implements HandlerMethodArgumentResolver {

    private final ObjectMapper mapper;

    JsonBodyArgumentResolver(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == JsonBody.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws Exception {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return JsonBody.parse(request == null ? null : request.getInputStream().readAllBytes(), mapper);
    }
}
